//! Validate: checks across values and files, on the loaded model.
//!
//! In: the catalogue (when it loaded) and every loaded bank, with their file ids.
//! Out: diagnostics (errors and warnings), all of them, in file order. Nothing stops at
//! the first problem. Uses the spans kept while parsing; never parses again.

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

use crate::diag::{Diagnostic, FileId, closest, did_you_mean};
use crate::model::{Catalogue, ChapterRef, Date, Kind, Quiz, Slug, Spanned, Weekday};
use crate::rules::{
    AltProblem, OPTIONS, OptionProblem, alternative_problems, blank_runs, letter, option_problems,
};

/// The longest campaign, in years; and in days (leap days included).
pub const MAX_CAMPAIGN_YEARS: i64 = 5;
pub const MAX_CAMPAIGN_DAYS: i64 = MAX_CAMPAIGN_YEARS * 365 + 2;

/// The longest short name that fits under a home-screen icon, in characters.
pub const SHORT_NAME_CHARS: usize = 8;

/// Runs every check and returns what it found.
/// `quiz_ids` names every bank file found, including those that did not load, so a
/// broken bank is reported once and not again as an unknown quiz.
pub fn validate(
    catalogue: Option<(FileId, &Catalogue)>,
    quizzes: &[(FileId, &Quiz)],
    quiz_ids: &[&str],
) -> Vec<Diagnostic> {
    let materials = catalogue.map(|(_, c)| chapters_by_material(c));
    // The catalogue and each bank are checked on their own, on every core; their
    // problems are joined in a fixed order.
    let (mut diags, banks) = rayon::join(
        || {
            let mut v = Validator { diags: Vec::new() };
            if let (Some((file, c)), Some(materials)) = (catalogue, &materials) {
                v.catalogue(file, c);
                v.plans(file, c, materials, quiz_ids);
            }
            v.diags
        },
        || {
            quizzes
                .par_iter()
                .map(|(file, quiz)| {
                    let mut v = Validator { diags: Vec::new() };
                    v.quiz(*file, quiz, materials.as_ref());
                    v.diags
                })
                .collect::<Vec<_>>()
        },
    );
    diags.extend(banks.into_iter().flatten());
    diags
}

/// Material id -> its chapter ids. A duplicate material id keeps its first definition.
type Chapters<'a> = BTreeMap<&'a str, Vec<&'a str>>;

fn chapters_by_material(c: &Catalogue) -> Chapters<'_> {
    let mut map = BTreeMap::new();
    for m in &c.materials {
        map.entry(m.id.get_ref().as_str()).or_insert_with(|| {
            m.chapters
                .iter()
                .map(|ch| ch.id.get_ref().as_str())
                .collect()
        });
    }
    map
}

struct Validator {
    diags: Vec<Diagnostic>,
}

impl Validator {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reports every id in `ids` seen before, pointing at both places.
    fn unique<'a>(
        &mut self,
        file: FileId,
        what: &str,
        ids: impl IntoIterator<Item = &'a Spanned<Slug>>,
    ) {
        let ids = ids.into_iter();
        let mut seen: HashMap<&str, std::ops::Range<usize>> =
            HashMap::with_capacity(ids.size_hint().0);
        for id in ids {
            let name = id.get_ref().as_str();
            if let Some(first) = seen.get(name) {
                self.push(
                    Diagnostic::error(file, id.span(), m!("dup.id", what = what, name = name))
                        .label(m!("dup.again"))
                        .also(file, first.clone(), m!("dup.first"))
                        .note(m!("dup.note", what = what)),
                );
            } else {
                seen.insert(name, id.span());
            }
        }
    }

    fn not_empty(&mut self, file: FileId, what: &str, text: &Spanned<String>) {
        if text.get_ref().trim().is_empty() {
            self.push(
                Diagnostic::error(file, text.span(), m!("empty.text", what = what))
                    .label(m!("empty.text.label")),
            );
        }
    }

    /// Reports `id` when it is not one of `known`, with a "did you mean".
    fn resolve(&mut self, file: FileId, what: &str, id: &Spanned<Slug>, known: &[&str]) -> bool {
        let name = id.get_ref().as_str();
        if known.contains(&name) {
            return true;
        }
        let mut d = Diagnostic::error(file, id.span(), m!("unknown.id", what = what, name = name))
            .label(m!("unknown.id.label", what = what));
        d = match did_you_mean(name, known.iter().copied()) {
            Some(hint) => d.note(hint),
            None if known.is_empty() => d.note(m!("unknown.none", what = what)),
            None => d.note(m!("unknown.known", what = what, ids = list(known))),
        };
        self.push(d);
        false
    }

    /// The campaign's own look: a theme colour white text can be read on, a short name
    /// that fits under a home-screen icon, a logo named as a file in `site/static/`.
    fn brand(&mut self, file: FileId, camp: &crate::model::Campaign) {
        if let Some(colour) = &camp.theme_color {
            match crate::colour::Rgb::parse(colour.get_ref().trim()) {
                None => self.push(
                    Diagnostic::error(
                        file,
                        colour.span(),
                        m!("brand.colour", found = colour.get_ref()),
                    )
                    .label(m!("brand.colour.label")),
                ),
                Some(rgb) => {
                    let ratio = rgb.contrast(crate::colour::WHITE);
                    if ratio < crate::colour::MIN_CONTRAST {
                        self.push(
                            Diagnostic::error(
                                file,
                                colour.span(),
                                m!(
                                    "brand.light",
                                    found = colour.get_ref(),
                                    ratio = format!("{ratio:.1}")
                                ),
                            )
                            .label(m!("brand.light.label"))
                            .note(m!("brand.light.note")),
                        );
                    }
                }
            }
        }
        if let Some(name) = &camp.short_name {
            let n = name.get_ref().trim().chars().count();
            if n == 0 {
                self.not_empty(file, &m!("noun.short-name"), name);
            } else if n > SHORT_NAME_CHARS {
                self.push(
                    Diagnostic::warning(
                        file,
                        name.span(),
                        m!("brand.short-name", n = n, max = SHORT_NAME_CHARS),
                    )
                    .label(m!("brand.short-name.label", max = SHORT_NAME_CHARS)),
                );
            }
        }
        if let Some(logo) = &camp.logo {
            let name = logo.get_ref();
            let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
            let plain = !name.is_empty()
                && !name.starts_with(['/', '\\'])
                && !name.contains(':')
                && name
                    .split(['/', '\\'])
                    .all(|part| !part.is_empty() && part != "..");
            if let Some(short) = name.strip_prefix("site/static/") {
                self.push(
                    Diagnostic::error(file, logo.span(), m!("brand.logo.prefix", found = name))
                        .label(m!("brand.logo.prefix.label", short = short)),
                );
            } else if !plain
                || !matches!(
                    ext.as_deref(),
                    Some("png" | "svg" | "jpg" | "jpeg" | "webp")
                )
            {
                self.push(
                    Diagnostic::error(file, logo.span(), m!("brand.logo", found = name))
                        .label(m!("brand.logo.label")),
                );
            }
        }
        for text in [&camp.description, &camp.footer].into_iter().flatten() {
            if text.get_ref().trim().is_empty() {
                self.push(
                    Diagnostic::warning(file, text.span(), m!("brand.empty"))
                        .label(m!("brand.empty.label")),
                );
            }
        }
    }

    fn catalogue(&mut self, file: FileId, c: &Catalogue) {
        let camp = &c.campaign;
        self.not_empty(file, &m!("noun.campaign-title"), &camp.title);
        if camp.end.get_ref() < camp.start.get_ref() {
            self.push(
                Diagnostic::error(
                    file,
                    camp.end.span(),
                    m!(
                        "campaign.backwards",
                        end = camp.end.get_ref(),
                        start = camp.start.get_ref()
                    ),
                )
                .label(m!("campaign.backwards.label"))
                .also(file, camp.start.span(), "start"),
            );
        }
        let days = camp
            .start
            .get_ref()
            .0
            .until(camp.end.get_ref().0)
            .map_or(0, |span| i64::from(span.get_days()));
        if days >= MAX_CAMPAIGN_DAYS {
            self.push(
                Diagnostic::error(
                    file,
                    camp.end.span(),
                    m!(
                        "campaign.long",
                        days = days + 1,
                        start = camp.start.get_ref(),
                        end = camp.end.get_ref(),
                        years = MAX_CAMPAIGN_YEARS
                    ),
                )
                .label(m!("campaign.long.label", years = MAX_CAMPAIGN_YEARS))
                .also(file, camp.start.span(), "start")
                .note(m!("campaign.long.note")),
            );
        }
        self.brand(file, camp);
        self.unique(
            file,
            &m!("noun.category"),
            c.categories.iter().map(|x| &x.id),
        );
        for cat in &c.categories {
            self.not_empty(file, &m!("noun.category-name"), &cat.name);
        }
        let categories: Vec<&str> = c
            .categories
            .iter()
            .map(|x| x.id.get_ref().as_str())
            .collect();
        self.unique(
            file,
            &m!("noun.material"),
            c.materials.iter().map(|m| &m.id),
        );
        for m in &c.materials {
            self.not_empty(file, &m!("noun.material-title"), &m.title);
            self.resolve(file, &m!("noun.category"), &m.category, &categories);
            self.unique(
                file,
                &m!("noun.chapter"),
                m.chapters.iter().map(|ch| &ch.id),
            );
            for ch in &m.chapters {
                self.not_empty(file, &m!("noun.chapter-title"), &ch.title);
                if let Some(p) = &ch.pages
                    && *p.get_ref() < 1
                {
                    self.push(
                        Diagnostic::error(file, p.span(), m!("pages.bad", n = p.get_ref()))
                            .label(m!("pages.bad.label")),
                    );
                }
            }
            if let Some(y) = &m.year
                && !(1000..=9999).contains(y.get_ref())
            {
                self.push(
                    Diagnostic::error(file, y.span(), m!("year.bad", n = y.get_ref()))
                        .label(m!("year.bad.label")),
                );
            }
        }
    }

    fn within_campaign(&mut self, file: FileId, c: &Catalogue, what: &str, date: &Spanned<Date>) {
        let (start, end) = (c.campaign.start.get_ref(), c.campaign.end.get_ref());
        let d = date.get_ref();
        if d < start || d > end {
            self.push(
                Diagnostic::warning(
                    file,
                    date.span(),
                    m!("date.outside", what = what, d = d, start = start, end = end),
                )
                .label(m!("date.outside.label")),
            );
        }
    }

    fn plans(&mut self, file: FileId, c: &Catalogue, materials: &Chapters, quizzes: &[&str]) {
        self.unique(file, &m!("noun.plan"), c.plans.iter().map(|p| &p.id));
        for plan in &c.plans {
            self.not_empty(file, &m!("noun.plan-title"), &plan.title);
            let mut last: Option<&Spanned<Date>> = None;
            for r in &plan.readings {
                self.within_campaign(file, c, &m!("noun.reading-due"), &r.due);
                if let Some(prev) = last
                    && r.due.get_ref() < prev.get_ref()
                {
                    self.push(
                        Diagnostic::warning(
                            file,
                            r.due.span(),
                            m!(
                                "reading.order",
                                due = r.due.get_ref(),
                                prev = prev.get_ref()
                            ),
                        )
                        .label(m!("reading.order.label"))
                        .also(file, prev.span(), m!("reading.order.above"))
                        .note(m!("reading.order.note")),
                    );
                }
                last = Some(&r.due);
                if r.chapters.get_ref().is_empty() {
                    self.push(
                        Diagnostic::error(file, r.chapters.span(), m!("reading.empty"))
                            .label(m!("reading.empty.label")),
                    );
                }
                for ch in r.chapters.get_ref() {
                    self.chapter_ref(file, ch, materials);
                }
                if let Some(q) = &r.quiz {
                    self.resolve(file, &m!("noun.quiz"), q, quizzes);
                }
            }
            for m in &plan.milestones {
                self.not_empty(file, &m!("noun.milestone-title"), &m.title);
                self.within_campaign(file, c, &m!("noun.milestone"), &m.due);
            }
            for rec in &plan.recurring {
                self.recurring(file, c, rec);
            }
        }
    }

    fn recurring(&mut self, file: FileId, c: &Catalogue, rec: &crate::model::Recurring) {
        self.not_empty(file, &m!("noun.session-title"), &rec.title);
        for (name, date) in [("`from`", &rec.from), ("`until`", &rec.until)] {
            if let Some(d) = date {
                let (start, end) = (c.campaign.start.get_ref(), c.campaign.end.get_ref());
                if d.get_ref() < start || d.get_ref() > end {
                    self.push(
                        Diagnostic::error(
                            file,
                            d.span(),
                            m!(
                                "recurring.outside",
                                name = name,
                                d = d.get_ref(),
                                start = start,
                                end = end
                            ),
                        )
                        .label(m!("recurring.outside.label")),
                    );
                }
            }
        }
        if let (Some(f), Some(u)) = (&rec.from, &rec.until)
            && u.get_ref() < f.get_ref()
        {
            self.push(
                Diagnostic::error(
                    file,
                    u.span(),
                    m!(
                        "recurring.backwards",
                        until = u.get_ref(),
                        from = f.get_ref()
                    ),
                )
                .label(m!("recurring.backwards.label"))
                .also(file, f.span(), "from"),
            );
        }
        let weekday = *rec.weekday.get_ref();
        for s in &rec.skip {
            if s.get_ref().weekday() != weekday {
                let name = weekday_name(weekday);
                self.push(
                    Diagnostic::warning(
                        file,
                        s.span(),
                        m!("skip.weekday", d = s.get_ref(), name = name),
                    )
                    .label(m!("skip.weekday.label", name = name)),
                );
            }
        }
    }

    fn chapter_ref(&mut self, file: FileId, r: &Spanned<ChapterRef>, materials: &Chapters) {
        let ChapterRef { material, chapter } = r.get_ref();
        match materials.get(material.as_str()) {
            None => {
                let known: Vec<&str> = materials.keys().copied().collect();
                let mut d = Diagnostic::error(
                    file,
                    r.span(),
                    m!(
                        "chapter.unknown-material",
                        material = material,
                        r = r.get_ref()
                    ),
                )
                .label(m!("chapter.unknown-material.label"));
                d = match did_you_mean(material.as_str(), known.iter().copied()) {
                    Some(h) => d.note(h),
                    None => d.note(m!(
                        "unknown.known",
                        what = m!("noun.material"),
                        ids = list(&known)
                    )),
                };
                self.push(d);
            }
            Some(chapters) if !chapters.contains(&chapter.as_str()) => {
                let mut d = Diagnostic::error(
                    file,
                    r.span(),
                    m!("chapter.unknown", material = material, chapter = chapter),
                )
                .label(m!("chapter.unknown.label"));
                d = match closest(chapter.as_str(), chapters.iter().copied()) {
                    Some(c) => d.note(m!("did-you-mean", x = format!("{material}/{c}"))),
                    None => d.note(m!(
                        "chapter.list",
                        material = material,
                        ids = list(chapters)
                    )),
                };
                self.push(d);
            }
            Some(_) => {}
        }
    }

    fn quiz(&mut self, file: FileId, q: &Quiz, materials: Option<&Chapters>) {
        self.not_empty(file, &m!("noun.quiz-title"), &q.title);
        let n = q.questions.len();
        if n == 0 {
            self.push(
                Diagnostic::error(file, q.title.span(), m!("bank.empty"))
                    .label(m!("bank.empty.label")),
            );
        }
        if let Some(d) = &q.draw
            && !(1..=n as i64).contains(d.get_ref())
        {
            self.push(
                Diagnostic::error(file, d.span(), m!("draw.bad", draw = d.get_ref(), n = n))
                    .label(m!("draw.bad.label", n = n)),
            );
        }
        if let Some(p) = &q.pass
            && !(1..=100).contains(p.get_ref())
        {
            self.push(
                Diagnostic::error(file, p.span(), m!("pass.bad", pass = p.get_ref()))
                    .label(m!("pass.bad.label")),
            );
        }
        self.unique(
            file,
            &m!("noun.question"),
            q.questions.iter().map(|x| &x.id),
        );
        if let Some(materials) = materials {
            if let Some(m) = &q.material {
                let known: Vec<&str> = materials.keys().copied().collect();
                self.resolve(file, &m!("noun.material"), m, &known);
            }
            for question in &q.questions {
                if let Some(s) = &question.source {
                    self.chapter_ref(file, s, materials);
                }
            }
        }
        for question in &q.questions {
            self.question(file, question);
        }
        self.explanations(file, q);
        self.same_prompts(file, q);
    }

    /// One warning per bank naming the questions without an explanation.
    fn explanations(&mut self, file: FileId, q: &Quiz) {
        let missing: Vec<&Spanned<Slug>> = q
            .questions
            .iter()
            .filter(|x| x.explanation.as_ref().is_none_or(|e| e.0.trim().is_empty()))
            .map(|x| &x.id)
            .collect();
        if let Some(first) = missing.first() {
            let n = missing.len();
            let ids: Vec<&str> = missing.iter().map(|id| id.get_ref().as_str()).collect();
            self.push(
                Diagnostic::warning(
                    file,
                    first.span(),
                    m!("explanation.missing", n = n, ids = list(&ids)),
                )
                .label(m!("explanation.missing.label"))
                .note(m!("explanation.missing.note")),
            );
        }
    }

    /// Warns about two questions of one bank with the same prompt.
    fn same_prompts(&mut self, file: FileId, q: &Quiz) {
        let mut seen: HashMap<String, &crate::model::Question> =
            HashMap::with_capacity(q.questions.len());
        for x in &q.questions {
            let text: String = x.prompt.get_ref().0.split_whitespace().collect();
            if text.is_empty() {
                continue;
            }
            if let Some(first) = seen.get(&text) {
                self.push(
                    Diagnostic::warning(
                        file,
                        x.prompt.span(),
                        m!("prompt.same", a = first.id.get_ref(), b = x.id.get_ref()),
                    )
                    .label(m!("prompt.same.label"))
                    .also(file, first.prompt.span(), m!("dup.first")),
                );
            } else {
                seen.insert(text, x);
            }
        }
    }

    fn question(&mut self, file: FileId, q: &crate::model::Question) {
        let prompt = &q.prompt;
        if prompt.get_ref().0.trim().is_empty() {
            self.push(
                Diagnostic::error(file, prompt.span(), m!("prompt.empty"))
                    .label(m!("prompt.empty.label")),
            );
        }
        match &q.kind {
            Kind::Single { options, answer } => {
                self.options(file, q.kind.name(), options);
                self.letters_in_range(
                    file,
                    options.get_ref().len(),
                    answer.span(),
                    &[*answer.get_ref()],
                );
            }
            Kind::Multiple { options, answer } => {
                self.options(file, q.kind.name(), options);
                self.letters_in_range(
                    file,
                    options.get_ref().len(),
                    answer.span(),
                    answer.get_ref(),
                );
            }
            Kind::Truefalse { .. } => {}
            Kind::Fill { answer } => {
                let blanks = blank_runs(&prompt.get_ref().0).len();
                let answers = answer.get_ref().len();
                if blanks == 0 {
                    self.push(
                        Diagnostic::error(file, prompt.span(), m!("fill.noblank"))
                            .label(m!("fill.noblank.label")),
                    );
                } else if blanks != answers {
                    self.push(
                        Diagnostic::error(
                            file,
                            answer.span(),
                            m!("fill.count", blanks = blanks, answers = answers),
                        )
                        .label(m!("fill.count.label", blanks = blanks))
                        .also(file, prompt.span(), m!("fill.count.prompt")),
                    );
                }
                self.fill_alternatives(file, answer.span(), answer.get_ref());
            }
        }
    }

    /// Each accepted answer as the reader's answer is compared with it (see
    /// [`alternative_problems`]): one that is only spaces and punctuation would accept an
    /// empty answer; two alternatives that compare the same are one.
    fn fill_alternatives(
        &mut self,
        file: FileId,
        span: crate::model::Span,
        answers: &[Vec<String>],
    ) {
        for (n, alts) in answers.iter().enumerate() {
            for problem in alternative_problems(alts) {
                self.push(match problem {
                    AltProblem::Nothing(i) => Diagnostic::error(
                        file,
                        span.clone(),
                        m!("fill.alt-nothing", n = n + 1, alt = alts[i]),
                    )
                    .label(m!("fill.alt-nothing.label")),
                    AltProblem::Same { first, again } => Diagnostic::warning(
                        file,
                        span.clone(),
                        m!("fill.alt-same", n = n + 1, a = alts[first], b = alts[again]),
                    )
                    .label(m!("fill.alt-same.label")),
                });
            }
        }
    }

    fn options(&mut self, file: FileId, kind: &str, options: &Spanned<Vec<Spanned<String>>>) {
        let texts: Vec<&str> = options
            .get_ref()
            .iter()
            .map(|o| o.get_ref().as_str())
            .collect();
        let span = |i: usize| options.get_ref()[i].span();
        let diagnostic = |problem| match problem {
            OptionProblem::Count(n) => Diagnostic::error(
                file,
                options.span(),
                m!("options.count", kind = kind, n = n),
            )
            .label(m!(
                "options.count.label",
                min = OPTIONS.start(),
                max = OPTIONS.end()
            )),
            OptionProblem::Empty(i) => {
                Diagnostic::error(file, span(i), m!("option.empty", x = option_name(i)))
                    .label(m!("option.empty.label"))
            }
            OptionProblem::Same { first, again } => Diagnostic::error(
                file,
                span(again),
                m!(
                    "option.same",
                    a = option_name(first),
                    b = option_name(again),
                    text = texts[again].trim()
                ),
            )
            .label(m!("option.same.label")),
        };
        let (count, each): (Vec<_>, Vec<_>) = option_problems(&texts)
            .into_iter()
            .partition(|p| matches!(p, OptionProblem::Count(_)));
        for p in count {
            self.push(diagnostic(p));
        }
        // Options written with their letters (`"A. 北京"`, `"B、上海"`) would show as
        // "A. B、上海" once shuffled: when every option starts with its own letter, the
        // first is reported (stripped, it is the text the author meant).
        if texts.len() >= 2
            && let Some(first) = options.get_ref().first()
            && texts
                .iter()
                .enumerate()
                .all(|(i, o)| crate::rules::strip_letter(o, Some(letter(i))) != o.trim())
        {
            self.push(
                Diagnostic::error(
                    file,
                    first.span(),
                    m!("options.lettered", text = first.get_ref().trim()),
                )
                .label(m!(
                    "options.lettered.label",
                    fixed = crate::rules::strip_letter(first.get_ref(), Some('A'))
                ))
                .note(m!("options.lettered.note")),
            );
        }
        for p in each {
            self.push(diagnostic(p));
        }
    }

    fn letters_in_range(
        &mut self,
        file: FileId,
        n: usize,
        span: std::ops::Range<usize>,
        answer: &[usize],
    ) {
        if n == 0 {
            return;
        }
        for &i in answer {
            if i >= n {
                self.push(
                    Diagnostic::error(file, span.clone(), m!("answer.range", x = option_name(i)))
                        .label(m!("answer.range.label", n = n, last = option_name(n - 1))),
                );
            }
        }
    }
}

/// An option by its letter, or by its number past the last letter there is.
fn option_name(i: usize) -> String {
    if i < *OPTIONS.end() {
        letter(i).to_string()
    } else {
        m!("option.number", n = i + 1)
    }
}

fn list(items: &[&str]) -> String {
    const MAX: usize = 8;
    let mut s = crate::diag::ticked(items.iter().take(MAX));
    if items.len() > MAX {
        s.push_str(&m!("list.more", n = items.len() - MAX));
    }
    s
}

/// A weekday as the author reads it (星期五, friday).
fn weekday_name(w: Weekday) -> String {
    crate::i18n::tr(&format!("weekday.{}", w.key()), &[])
}

/// The author's UI text: every key is a built-in one (else a "did you mean"), keeps
/// the placeholders of the text it replaces, and is not empty.
pub fn strings(file: FileId, overrides: &crate::load::Overrides) -> Vec<Diagnostic> {
    let builtin = crate::ui::Strings::builtin();
    let mut out = Vec::new();
    for (key, text) in overrides {
        let Some(original) = builtin.get(key.get_ref()) else {
            let mut d =
                Diagnostic::error(file, key.span(), m!("strings.unknown", key = key.get_ref()))
                    .label(m!("strings.unknown.label"));
            if let Some(hint) = crate::diag::did_you_mean(key.get_ref(), builtin.keys()) {
                d = d.note(hint);
            }
            out.push(d);
            continue;
        };
        let want = crate::ui::placeholders(original);
        let got = crate::ui::placeholders(text.get_ref());
        let braces = |p: &[&str]| {
            p.iter()
                .map(|x| format!("{{{x}}}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let missing: Vec<&str> = want.iter().filter(|w| !got.contains(w)).copied().collect();
        let extra: Vec<&str> = got.iter().filter(|g| !want.contains(g)).copied().collect();
        let label = m!("strings.placeholders.label", original = original);
        if text.get_ref().contains(['｛', '｝']) {
            out.push(
                Diagnostic::error(
                    file,
                    text.span(),
                    m!("strings.wide-braces", key = key.get_ref()),
                )
                .label(label),
            );
        } else if !missing.is_empty() {
            out.push(
                Diagnostic::error(
                    file,
                    text.span(),
                    m!(
                        "strings.missing",
                        key = key.get_ref(),
                        missing = braces(&missing)
                    ),
                )
                .label(label),
            );
        } else if !extra.is_empty() {
            out.push(
                Diagnostic::error(
                    file,
                    text.span(),
                    m!("strings.extra", key = key.get_ref(), extra = braces(&extra)),
                )
                .label(label),
            );
        } else if text.get_ref().trim().is_empty() {
            out.push(
                Diagnostic::warning(file, text.span(), m!("strings.empty", key = key.get_ref()))
                    .label(m!("strings.placeholders.label", original = original)),
            );
        }
    }
    out
}

/// An office that gives the site its own colour or logo most likely wants its own
/// home-screen icon too: while `site/static/icon-192.png` is still xuexi's, say so
/// (once, at the colour or the logo).
pub fn default_icons(
    root: &std::path::Path,
    file: FileId,
    camp: &crate::model::Campaign,
) -> Vec<Diagnostic> {
    const DEFAULT: &[u8] = include_bytes!("../site/static/icon-192.png");
    let Some(at) = camp.logo.as_ref().or(camp.theme_color.as_ref()) else {
        return Vec::new();
    };
    match crate::write::read_if_regular(&root.join("site/static/icon-192.png")) {
        Ok(Ok(bytes)) if bytes == DEFAULT => vec![
            Diagnostic::warning(file, at.span(), m!("brand.icons")).label(m!("brand.icons.label")),
        ],
        _ => Vec::new(),
    }
}

/// The campaign's logo, looked for in `site/static/` (the one check that reads a file
/// the catalogue names): it must be a regular file there, and a `.png` a PNG image.
pub fn logo(root: &std::path::Path, file: FileId, logo: &Spanned<String>) -> Vec<Diagnostic> {
    let name = logo.get_ref();
    if name.split(['/', '\\']).any(|p| p.is_empty() || p == "..")
        || name.contains(':')
        || name.starts_with("site/static/")
    {
        return Vec::new(); // reported by `brand`
    }
    let rel = format!("site/static/{name}");
    let path = root.join(&rel);
    let found = match crate::write::read_if_regular(&path) {
        Ok(found) => found.map_err(|what| what.to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(m!("brand.logo.none")),
        Err(e) => Err(crate::i18n::Io(&e).to_string()),
    };
    let bytes = match found {
        Ok(bytes) => bytes,
        Err(why) => {
            return vec![
                Diagnostic::error(
                    file,
                    logo.span(),
                    m!("brand.logo.missing", path = rel, why = why),
                )
                .label(m!("brand.logo.missing.label")),
            ];
        }
    };
    if !name.to_ascii_lowercase().ends_with(".png") {
        return Vec::new();
    }
    match crate::colour::png_size(&bytes) {
        None => vec![
            Diagnostic::error(file, logo.span(), m!("brand.logo.not-png", path = rel))
                .label(m!("brand.logo.not-png.label")),
        ],
        Some(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    //! One test per rule, each asserting the exact message. Projects are written to a
    //! temporary folder and loaded like any other.

    use crate::diag::Severity;

    /// Every weekday's key names it in the messages and in the site's text, in every
    /// language.
    #[test]
    fn every_weekday_has_its_names() {
        let site = crate::ui::Strings::builtin();
        let check = |lang: &str| {
            for w in crate::model::Weekday::ALL {
                let name = super::weekday_name(w);
                assert!(!name.starts_with("weekday."), "{lang} {w:?}: {name}");
                let shown = site.get(&format!("weekday_{}", w.key()));
                assert!(shown.is_some_and(|s| !s.is_empty()), "{w:?}");
            }
        };
        check("en");
        let _zh = crate::i18n::chinese();
        check("zh-CN");
        assert_eq!(super::weekday_name(crate::model::Weekday::Friday), "星期五");
    }

    const CATALOGUE: &str = r#"
[campaign]
title = "广安区党史学习教育"
start = 2021-04-08
end = 2021-12-31

[[category]]
id = "designated"
name = "指定学习材料"

[[material]]
id = "jianshi"
title = "中国共产党简史"
category = "designated"
[[material.chapter]]
id = "ch01"
title = "第一章"
pages = 40

[[plan]]
id = "plan"
title = "学习计划"
[[plan.reading]]
due = 2021-04-30
chapters = ["jianshi/ch01"]
quiz = "quiz"
[[plan.milestone]]
due = 2021-06-30
title = "专题培训"
[[plan.recurring]]
title = "红色星期五"
weekday = "friday"
skip = [2021-10-01]
"#;

    const QUIZ: &str = r#"
title = "自测"
material = "jianshi"
[[question]]
id = "q1"
type = "single"
prompt = "一大在哪里开幕？"
options = ["北京", "上海"]
answer = "B"
source = "jianshi/ch01"
explanation = "在上海开幕。"
[[question]]
id = "q2"
type = "fill"
prompt = "成立于____年"
answer = ["1921"]
explanation = "1921年。"
"#;

    /// Checks the project made of `catalogue` and `quizzes/quiz.toml` = `quiz`;
    /// returns (severity, message) of every diagnostic.
    fn run(catalogue: &str, quiz: &str) -> Vec<(Severity, String)> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("catalogue.toml"), catalogue).unwrap();
        std::fs::create_dir(dir.path().join("quizzes")).unwrap();
        std::fs::write(dir.path().join("quizzes/quiz.toml"), quiz).unwrap();
        crate::check(dir.path())
            .diagnostics
            .into_iter()
            .map(|d| (d.severity, d.message))
            .collect()
    }

    fn errors(catalogue: &str, quiz: &str) -> Vec<String> {
        run(catalogue, quiz)
            .into_iter()
            .filter(|(s, _)| *s == Severity::Error)
            .map(|(_, m)| m)
            .collect()
    }

    fn warnings(catalogue: &str, quiz: &str) -> Vec<String> {
        run(catalogue, quiz)
            .into_iter()
            .filter(|(s, _)| *s == Severity::Warning)
            .map(|(_, m)| m)
            .collect()
    }

    fn cat(from: &str, to: &str) -> String {
        assert!(CATALOGUE.contains(from), "{from}");
        CATALOGUE.replacen(from, to, 1)
    }

    fn quiz(from: &str, to: &str) -> String {
        assert!(QUIZ.contains(from), "{from}");
        QUIZ.replacen(from, to, 1)
    }

    #[test]
    fn base_project_is_clean() {
        assert_eq!(run(CATALOGUE, QUIZ), vec![]);
    }

    #[test]
    fn missing_explanations_warn_once_per_bank() {
        let q = QUIZ
            .replace("explanation = \"在上海开幕。\"\n", "")
            .replace("explanation = \"1921年。\"\n", "");
        assert_eq!(errors(CATALOGUE, &q), Vec::<String>::new());
        assert_eq!(
            warnings(CATALOGUE, &q),
            ["2 questions without an explanation: `q1`, `q2`"]
        );
    }

    #[test]
    fn same_prompt_warns() {
        let q = quiz(
            "prompt = \"成立于____年\"",
            "prompt = \" 一大在哪里开幕？ \"",
        );
        let q = q.replacen(
            "type = \"fill\"",
            "type = \"single\"\noptions = [\"a\", \"b\"]",
            1,
        );
        let q = q.replacen("answer = [\"1921\"]", "answer = \"A\"", 1);
        assert_eq!(errors(CATALOGUE, &q), Vec::<String>::new());
        assert!(
            warnings(CATALOGUE, &q)
                .contains(&"questions `q1` and `q2` have the same prompt".to_string())
        );
    }

    #[test]
    fn empty_title() {
        assert_eq!(
            errors(
                &cat("title = \"广安区党史学习教育\"", "title = \" \""),
                QUIZ
            ),
            ["the campaign title is empty"]
        );
    }

    #[test]
    fn campaign_ends_before_start() {
        assert_eq!(
            errors(&cat("end = 2021-12-31", "end = 2021-01-01"), QUIZ),
            ["the campaign ends on 2021-01-01 before it starts on 2021-04-08"]
        );
    }

    #[test]
    fn duplicate_category() {
        let c = cat(
            "[[material]]",
            "[[category]]\nid = \"designated\"\nname = \"又一个\"\n\n[[material]]",
        );
        assert_eq!(errors(&c, QUIZ), ["duplicate category id `designated`"]);
    }

    #[test]
    fn duplicate_material_and_plan() {
        let m = "\n[[material]]\nid = \"jianshi\"\ntitle = \"x\"\ncategory = \"designated\"\n";
        let c = cat("[[plan]]", &format!("{m}\n[[plan]]"));
        assert_eq!(errors(&c, QUIZ), ["duplicate material id `jianshi`"]);
        let c = format!("{CATALOGUE}\n[[plan]]\nid = \"plan\"\ntitle = \"y\"\n");
        assert_eq!(errors(&c, QUIZ), ["duplicate plan id `plan`"]);
    }

    #[test]
    fn duplicate_chapter() {
        let c = cat(
            "pages = 40",
            "pages = 40\n[[material.chapter]]\nid = \"ch01\"\ntitle = \"重复\"",
        );
        assert_eq!(errors(&c, QUIZ), ["duplicate chapter id `ch01`"]);
    }

    #[test]
    fn duplicate_question() {
        assert_eq!(
            errors(CATALOGUE, &quiz("id = \"q2\"", "id = \"q1\"")),
            ["duplicate question id `q1`"]
        );
    }

    #[test]
    fn unknown_category() {
        assert_eq!(
            errors(
                &cat("category = \"designated\"", "category = \"designatd\""),
                QUIZ
            ),
            ["unknown category `designatd`"]
        );
    }

    #[test]
    fn unknown_material_in_reading() {
        assert_eq!(
            errors(
                &cat(
                    "chapters = [\"jianshi/ch01\"]",
                    "chapters = [\"jianshi2/ch01\"]"
                ),
                QUIZ
            ),
            ["unknown material `jianshi2` in `jianshi2/ch01`"]
        );
    }

    #[test]
    fn unknown_chapter_in_reading() {
        assert_eq!(
            errors(
                &cat(
                    "chapters = [\"jianshi/ch01\"]",
                    "chapters = [\"jianshi/ch1\"]"
                ),
                QUIZ
            ),
            ["material `jianshi` has no chapter `ch1`"]
        );
    }

    #[test]
    fn empty_reading() {
        assert_eq!(
            errors(&cat("chapters = [\"jianshi/ch01\"]", "chapters = []"), QUIZ),
            ["a reading needs at least one chapter"]
        );
    }

    #[test]
    fn unknown_quiz() {
        assert_eq!(
            errors(&cat("quiz = \"quiz\"", "quiz = \"quizz\""), QUIZ),
            ["unknown quiz `quizz`"]
        );
    }

    #[test]
    fn unknown_quiz_material_and_source() {
        let q = quiz("material = \"jianshi\"", "material = \"jianshu\"");
        assert_eq!(errors(CATALOGUE, &q), ["unknown material `jianshu`"]);
        let q = quiz("source = \"jianshi/ch01\"", "source = \"jianshi/ch09\"");
        assert_eq!(
            errors(CATALOGUE, &q),
            ["material `jianshi` has no chapter `ch09`"]
        );
    }

    #[test]
    fn single_answer_out_of_range() {
        assert_eq!(
            errors(CATALOGUE, &quiz("answer = \"B\"", "answer = \"C\"")),
            ["answer `C` is not one of the options"]
        );
    }

    #[test]
    fn multiple_answer_out_of_range() {
        let q = quiz("type = \"single\"", "type = \"multiple\"");
        let q = q.replacen("answer = \"B\"", "answer = \"ABD\"", 1);
        assert_eq!(
            errors(CATALOGUE, &q),
            ["answer `D` is not one of the options"]
        );
    }

    #[test]
    fn too_few_options() {
        assert_eq!(
            errors(
                CATALOGUE,
                &quiz("options = [\"北京\", \"上海\"]", "options = [\"上海\"]")
            ),
            [
                "a `single` question has 1 option",
                "answer `B` is not one of the options"
            ]
        );
    }

    #[test]
    fn too_many_options() {
        let nine = "options = [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]";
        assert_eq!(
            errors(CATALOGUE, &quiz("options = [\"北京\", \"上海\"]", nine)),
            ["a `single` question has 9 options"]
        );
    }

    #[test]
    fn empty_and_duplicate_options() {
        let q = quiz(
            "options = [\"北京\", \"上海\"]",
            "options = [\"北京\", \" \", \"北京\"]",
        );
        assert_eq!(
            errors(CATALOGUE, &q),
            [
                "option `B` is empty",
                "options `A` and `C` are the same: `北京`"
            ]
        );
    }

    #[test]
    fn fill_blanks_must_match_answers() {
        assert_eq!(
            errors(
                CATALOGUE,
                &quiz("answer = [\"1921\"]", "answer = [\"1921\", \"7\"]")
            ),
            ["the prompt has 1 blank but the answer gives 2"]
        );
        assert_eq!(
            errors(
                CATALOGUE,
                &quiz("prompt = \"成立于____年\"", "prompt = \"成立于哪一年\"")
            ),
            ["a `fill` prompt has no blank"]
        );
    }

    /// An accepted answer that the matcher reduces to nothing is refused; two that it
    /// reduces to the same thing are one, with a warning.
    #[test]
    fn fill_alternatives_as_the_matcher_sees_them() {
        assert_eq!(
            errors(CATALOGUE, &quiz("answer = [\"1921\"]", "answer = [\"……\"]")),
            [
                "blank 1's accepted answer `……` is only spaces and punctuation: answers are compared without them, so it would accept an empty answer"
            ]
        );
        assert_eq!(
            warnings(
                CATALOGUE,
                &quiz("answer = [\"1921\"]", "answer = [\"1921|１９２１|1921。\"]")
            ),
            [
                "blank 1's answers `1921` and `１９２１` are the same to the matcher: it ignores full and half width, case, spaces and punctuation",
                "blank 1's answers `1921` and `1921。` are the same to the matcher: it ignores full and half width, case, spaces and punctuation"
            ]
        );
    }

    #[test]
    fn draw_and_pass_in_range() {
        let q = quiz(
            "material = \"jianshi\"",
            "material = \"jianshi\"\ndraw = 3\npass = 0",
        );
        assert_eq!(
            errors(CATALOGUE, &q),
            ["`draw` is 3, but the bank has 2 questions", "`pass` is 0"]
        );
        let q = quiz(
            "material = \"jianshi\"",
            "material = \"jianshi\"\ndraw = 2\npass = 100",
        );
        assert_eq!(errors(CATALOGUE, &q), Vec::<String>::new());
    }

    #[test]
    fn empty_bank() {
        assert_eq!(
            errors(CATALOGUE, "title = \"空\"\n"),
            ["this bank has no questions"]
        );
    }

    #[test]
    fn empty_prompt() {
        assert_eq!(
            errors(
                CATALOGUE,
                &quiz("prompt = \"一大在哪里开幕？\"", "prompt = \"\"")
            ),
            ["the prompt is empty"]
        );
    }

    #[test]
    fn pages_and_year() {
        assert_eq!(
            errors(&cat("pages = 40", "pages = 0"), QUIZ),
            ["`pages` is 0"]
        );
        let c = cat(
            "category = \"designated\"",
            "category = \"designated\"\nyear = 21",
        );
        assert_eq!(errors(&c, QUIZ), ["`21` is not a year"]);
    }

    #[test]
    fn dates_outside_campaign_warn() {
        let c = cat("due = 2021-04-30", "due = 2022-01-05");
        assert_eq!(errors(&c, QUIZ), Vec::<String>::new());
        assert_eq!(
            warnings(&c, QUIZ),
            ["a reading due on 2022-01-05 is outside the campaign (2021-04-08 to 2021-12-31)"]
        );
        let c = cat("due = 2021-06-30", "due = 2021-01-01");
        assert_eq!(
            warnings(&c, QUIZ),
            ["a milestone on 2021-01-01 is outside the campaign (2021-04-08 to 2021-12-31)"]
        );
    }

    #[test]
    fn readings_out_of_order_warn() {
        let c = cat(
            "quiz = \"quiz\"",
            "quiz = \"quiz\"\n[[plan.reading]]\ndue = 2021-04-20\nchapters = [\"jianshi/ch01\"]",
        );
        assert_eq!(
            warnings(&c, QUIZ),
            ["this reading is due on 2021-04-20, before the one above it (2021-04-30)"]
        );
    }

    #[test]
    fn recurring_bounds() {
        let c = cat(
            "weekday = \"friday\"",
            "weekday = \"friday\"\nfrom = 2021-05-01\nuntil = 2021-04-30",
        );
        assert_eq!(
            errors(&c, QUIZ),
            ["`until` 2021-04-30 is before `from` 2021-05-01"]
        );
        let c = cat(
            "weekday = \"friday\"",
            "weekday = \"friday\"\nuntil = 2022-03-01",
        );
        assert_eq!(
            errors(&c, QUIZ),
            ["`until` 2022-03-01 is outside the campaign (2021-04-08 to 2021-12-31)"]
        );
    }

    #[test]
    fn skip_on_another_weekday_warns() {
        let c = cat("skip = [2021-10-01]", "skip = [2021-10-02]");
        assert_eq!(
            warnings(&c, QUIZ),
            ["2021-10-02 is not a friday, so skipping it changes nothing"]
        );
    }
}
