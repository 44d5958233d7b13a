//! The catalogue's own values: the campaign (title, dates, then its look in
//! `brand.rs`), categories, materials and their chapters: ids unique and known, titles
//! not empty, numbers in range.

use super::{MAX_CAMPAIGN_DAYS, MAX_CAMPAIGN_YEARS, Validator};
use crate::diag::Diagnostic;
use crate::diag::FileId;
use crate::model::Catalogue;

impl Validator {
    pub(super) fn catalogue(&mut self, file: FileId, c: &Catalogue) {
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
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::{CATALOGUE, QUIZ, cat, errors};

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
}
