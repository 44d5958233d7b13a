//! The study plans: readings (in order, within the campaign, of chapters and banks
//! there are), milestones and recurring sessions.

use super::{Chapters, Validator};
use crate::diag::{Diagnostic, FileId};
use crate::model::{Catalogue, Date, Spanned, Weekday};

impl Validator {
    pub(super) fn plans(
        &mut self,
        file: FileId,
        c: &Catalogue,
        materials: &Chapters,
        quizzes: &[&str],
    ) {
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
        self.period(file, rec.from.as_ref(), rec.until.as_ref());
        self.skips(file, *rec.weekday.get_ref(), &rec.skip);
    }

    /// `until` not before `from`, when both are given.
    pub(super) fn period(
        &mut self,
        file: FileId,
        from: Option<&Spanned<Date>>,
        until: Option<&Spanned<Date>>,
    ) {
        if let (Some(f), Some(u)) = (from, until)
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
    }

    /// Every skipped day is on the session's weekday (a warning: skipping another day
    /// does nothing).
    pub(super) fn skips(&mut self, file: FileId, weekday: Weekday, skip: &[Spanned<Date>]) {
        for s in skip {
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
}

/// A weekday as the author reads it (星期五, friday).
pub(super) fn weekday_name(w: Weekday) -> String {
    crate::i18n::tr(&format!("weekday.{}", w.key()), &[])
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::{QUIZ, cat, errors, warnings};

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
