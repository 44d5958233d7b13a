//! The command line's shape: the commands and their arguments (clap), `--help` in the
//! language in use, and usage mistakes told in the catalogue's words.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use xuexi::m;

/// xuexi (学习): turns a study campaign written in TOML into a Zola site.
///
/// A project has `catalogue.toml` (the campaign, its materials and reading plans),
/// `quizzes/*.toml` (one question bank per file) and `site/` (an ordinary Zola site).
#[derive(Parser)]
#[command(name = "xuexi", version, propagate_version = true)]
pub struct Cli {
    /// The project folder (the one with catalogue.toml).
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The language of messages: zh-CN (default) or en; otherwise the locale's
    /// (LC_ALL, LC_MESSAGES, LANG) when it is English.
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<String>,
    /// Do not wait for another xuexi working on this project: exit with 1 at once.
    #[arg(long, global = true)]
    pub no_wait: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Start a new project in DIR (default: here): an example campaign, one quiz with
    /// each type of question, and the Zola site. DIR must be empty or new.
    Init {
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// The campaign's first day, e.g. 2027-03-01 (default: the first Monday after
        /// today); the example's readings and end follow from it.
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
    },
    /// Load and validate everything; print every problem with file:line:col.
    ///
    /// Exits with 1 if there is any error (warnings alone exit with 0).
    Check,
    /// Write the Zola content under site/content/ (only the folders xuexi owns:
    /// campaign, materials, plans, quizzes, practice, search).
    Generate,
    /// Check, generate (with the offline copies) and run `zola build`; the published
    /// site lands in site/public/, with relative links (it works in any folder of any
    /// host), content-hashed CSS/JS/icon names, .gz and .br copies of its text files,
    /// and nginx settings for it in site/nginx-xuexi.conf.
    Build {
        /// Where the site will be published, e.g. /djxx/ or https://example.gov.cn/djxx/
        /// (default: base_url in site/config.toml). Pages work anywhere without it; it
        /// serves the page shown for a missing address (404.html), sitemap.xml and the
        /// nginx settings.
        #[arg(long, value_name = "URL", value_parser = base_url)]
        base_url: Option<String>,
        /// The Zola to run; otherwise $ZOLA, then tools/zola/bin/zola in the project,
        /// then PATH.
        #[arg(long, value_name = "PATH")]
        zola: Option<PathBuf>,
    },
    /// Write single-file offline copies: one `.html` per plan and per quiz, to read and
    /// take quizzes without any network (to pass around in WeChat or QQ).
    Offline {
        /// Only the copy of this plan.
        #[arg(long, value_name = "ID")]
        plan: Option<String>,
        /// Only the copy of this quiz.
        #[arg(long, value_name = "ID")]
        quiz: Option<String>,
        /// Where to write them (default: `offline/` in the project).
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Write printable A4 quiz papers as offices print them: questions grouped by type
    /// under numbered headings, with points and a total, and an answer key per variant
    /// (HTML; print them from a browser).
    ///
    /// The questions are drawn and ordered from a seed: the same seed prints the same
    /// paper; the seed is printed on the key. Files: ID-A.html and ID-A-key.html, ….
    Paper {
        /// The bank to draw from.
        #[arg(long, value_name = "ID")]
        quiz: String,
        /// Questions on each paper: a number (shared among the types as in the bank) or
        /// per type, e.g. single=10,multiple=5,truefalse=5 (default: the bank's `draw`,
        /// else all).
        #[arg(long, value_name = "K")]
        count: Option<String>,
        /// How many different papers (A, B, C, ...), each with its own key.
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = parse_variants)]
        variants: u8,
        /// The seed of the draw.
        #[arg(long, value_name = "S", default_value_t = xuexi::emit::paper::DEFAULT_SEED, value_parser = parse_seed)]
        seed: u64,
        /// Points per question of each type, e.g. single=2,multiple=3,truefalse=1,fill=2
        /// (default: each question's `points` in the bank; none: no points printed).
        #[arg(long, value_name = "TYPE=N,...")]
        points: Option<String>,
        /// Time allowed, in minutes, printed under the title.
        #[arg(long, value_name = "MINUTES", value_parser = parse_minutes)]
        time: Option<u32>,
        /// Print each question's explanation in the key.
        #[arg(long)]
        explain: bool,
        /// Where to write them (default: `papers/` in the project).
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Counts by material, question type and plan; chapters no question covers;
    /// questions without an explanation; each plan's reading time.
    Stats,
    /// Import a question bank (题库) from .xlsx, .xls, .ods or .csv (UTF-8 or GB18030)
    /// into quizzes/ID.toml, from every sheet. Columns: 题型 (or a sheet named 单选题,
    /// 多选题, …), 题干, 选项A … 选项H (or one 选项 column), 答案, 解析, 出处, 分值,
    /// 编号/题号/序号. Nothing is written while any row is bad. When the bank exists it is
    /// updated: its settings and the ids of unchanged questions are kept.
    Import {
        /// The spreadsheet or CSV file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The id of the bank (the file name under quizzes/).
        #[arg(
            long,
            value_name = "ID",
            required_unless_present = "units",
            conflicts_with = "units"
        )]
        quiz: Option<String>,
        /// The bank's title (default: the bank's own, else the sheet's title row, else
        /// the file's name).
        #[arg(long, value_name = "TITLE")]
        title: Option<String>,
        /// The material the bank is about (its id in catalogue.toml).
        #[arg(long, value_name = "ID")]
        material: Option<String>,
        /// Questions drawn at random per attempt.
        #[arg(long, value_name = "N", value_parser = parse_draw)]
        draw: Option<i64>,
        /// Pass mark, percent.
        #[arg(long, value_name = "PERCENT", value_parser = parse_pass)]
        pass: Option<i64>,
        /// Import the good rows and report the bad ones, instead of importing nothing.
        #[arg(long)]
        skip_bad: bool,
        /// Start the bank afresh: ignore quizzes/ID.toml (its ids and settings).
        #[arg(long)]
        force: bool,
        /// The file is the office's list of units (单位名称, 类型, 上级单位, 指导组, 党员数):
        /// it becomes the [[unit]] tables of tasks.toml, known units keeping their ids.
        #[arg(long)]
        units: bool,
    },
    /// Export a question bank to .xlsx or .csv, in the layout `import` reads, for
    /// colleagues to review in Excel or WPS.
    Export {
        /// The bank to export.
        #[arg(long, value_name = "ID")]
        quiz: String,
        /// Where to write it: a .xlsx or .csv file name.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Turn members' study record codes (学习记录码, from the site's 我的学习记录 page)
    /// into the branch's 学习台账: a .xlsx with one row per member, a sheet per reading
    /// and a sheet of problems (and a .csv with --csv, a printable .html with --print).
    ///
    /// FILEs are texts holding the codes: a pasted WeChat or QQ chat, files members
    /// sent; none or `-`: standard input. Damaged, truncated, other campaigns' and
    /// duplicate codes are reported by file and line and not counted; of several
    /// records of one member, the latest is kept.
    Tally {
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Only this plan's records (default: a ledger for each plan found).
        #[arg(long, value_name = "ID")]
        plan: Option<String>,
        /// Progress (on track / behind by N) as of this day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// The .xlsx to write (default: 台账-PLAN-DATE.xlsx in the project folder).
        #[arg(short = 'o', long = "out", value_name = "FILE.xlsx")]
        out: Option<PathBuf>,
        /// Also write the members' sheet as .csv.
        #[arg(long)]
        csv: bool,
        /// Also write a printable HTML ledger (A4 landscape).
        #[arg(long)]
        print: bool,
        /// The members' roster (姓名, 支部; .xlsx or .csv): the branches' subtotals name
        /// who has not reported.
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
    },
    /// The office's supervision ledger (督导台账) from units' task receipts: receipt codes
    /// (XUEXIR1:) in chats or files, and filled receipt forms (.xlsx); a sheet of units ×
    /// tasks, the notice (通报) of units that lag or sent nothing, a sheet per inspection
    /// group and the problems. `--forms DIR` writes a blank form per unit instead;
    /// `--checklists DIR` the inspection checklists.
    Supervise {
        #[arg(value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// The ledger as of this day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// The .xlsx to write (default: 督导台账-DATE.xlsx in the project folder).
        #[arg(short = 'o', long = "out", value_name = "FILE.xlsx")]
        out: Option<PathBuf>,
        /// Also write the units × tasks sheet as .csv.
        #[arg(long)]
        csv: bool,
        /// Also write a printable notice (A4), with a page per inspection group.
        #[arg(long)]
        print: bool,
        /// Write a blank receipt form (回执表-UNIT.xlsx) per unit into DIR, and nothing else.
        #[arg(long, value_name = "DIR", conflicts_with_all = ["out", "csv", "print", "checklists"])]
        forms: Option<PathBuf>,
        /// Write the inspection checklists (检查表-GROUP.html, a page per unit) into DIR.
        #[arg(long, value_name = "DIR", conflicts_with_all = ["out", "csv", "print"])]
        checklists: Option<PathBuf>,
        /// The members' roster (姓名, 单位/支部; .xlsx or .csv): the coverage sheet names
        /// who has not reported.
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
    },
    /// Generate and run `zola serve` for authors (extra arguments go to Zola, after --).
    Serve {
        /// The Zola to run; otherwise $ZOLA, then tools/zola/bin/zola in the project,
        /// then PATH.
        #[arg(long, value_name = "PATH")]
        zola: Option<PathBuf>,
        /// Arguments for `zola serve`, e.g. `-- --port 8000`.
        #[arg(last = true, value_name = "ZOLA_ARGS")]
        args: Vec<OsString>,
    },
}

/// Checks `--base-url`.
fn base_url(value: &str) -> Result<String, String> {
    if xuexi::publish::valid_base(value) {
        Ok(value.to_string())
    } else {
        Err(m!("build.base-url.bad"))
    }
}

/// The arguments, with `--help` in the language in use: English from the doc comments
/// above, any other language from the `help.*` keys of its catalogue.
pub fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let mut cmd = Cli::command();
    if xuexi::i18n::lang() != xuexi::i18n::Lang::En {
        cmd = localize(cmd, "help");
        cmd.build();
        localize_usage(&mut cmd);
    }
    // `xuexi help` and `xuexi help COMMAND`, as other tools take them.
    let mut args: Vec<OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "help") {
        // `xuexi help help` is the help too.
        while args.get(1).is_some_and(|a| a == "help") {
            args.remove(1);
        }
        args.push("--help".into());
    }
    let result = cmd
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    match result {
        Ok(cli) => cli,
        Err(e) if xuexi::i18n::lang() == xuexi::i18n::Lang::En => e.exit(),
        Err(e) => usage_error(e),
    }
}

/// `--variants`: 1 to 8 papers (A to H).
fn parse_variants(s: &str) -> Result<u8, String> {
    match s.trim().parse::<u8>() {
        Ok(n @ 1..=8) => Ok(n),
        _ => Err(m!("usage.variants")),
    }
}

/// `--seed`: any whole number from 0 up.
fn parse_seed(s: &str) -> Result<u64, String> {
    let s = s.trim();
    s.parse::<u64>().map_err(|_| {
        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
            m!("usage.seed-large", max = u64::MAX)
        } else {
            m!("usage.seed")
        }
    })
}

/// `--time`: minutes, a whole number from 1 up.
fn parse_minutes(s: &str) -> Result<u32, String> {
    match s.trim().trim_end_matches("分钟").trim().parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(m!("usage.minutes")),
    }
}

/// `--draw`: a whole number of questions, at least 1.
fn parse_draw(s: &str) -> Result<i64, String> {
    match s.trim().parse::<i64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(m!("usage.draw")),
    }
}

/// `--pass`: a percentage from 1 to 100.
fn parse_pass(s: &str) -> Result<i64, String> {
    match s.trim().trim_end_matches(['%', '％']).parse::<i64>() {
        Ok(n) if xuexi::validate::PASS_MARKS.contains(&n) => Ok(n),
        _ => Err(m!("usage.pass")),
    }
}

/// `--lang`: a language the catalogue has (zh-CN, zh, en, en-GB, ...).
fn parse_lang(s: &str) -> Result<String, String> {
    match xuexi::i18n::Lang::parse(s) {
        Some(_) => Ok(s.to_string()),
        None => Err(m!("usage.lang")),
    }
}

/// A command-line mistake, told in the catalogue's words (clap's own are English), with
/// the usage and exit code 2; help and version pass through.
fn usage_error(e: clap::Error) -> ! {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let value = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(&m!("list.sep")),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let (arg, found) = (
        value(ContextKind::InvalidArg),
        value(ContextKind::InvalidValue),
    );
    let message = match e.kind() {
        ErrorKind::InvalidSubcommand => m!(
            "usage.subcommand",
            x = value(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::UnknownArgument if !arg.starts_with('-') => m!("usage.extra", x = arg),
        ErrorKind::UnknownArgument => m!("usage.unknown", x = arg),
        ErrorKind::MissingRequiredArgument => m!("usage.missing", x = arg),
        ErrorKind::MissingSubcommand => m!("usage.no-command"),
        ErrorKind::InvalidValue if found.is_empty() => m!("usage.no-value", arg = arg),
        ErrorKind::InvalidValue => m!("usage.value", arg = arg, found = found),
        ErrorKind::ValueValidation => {
            // The reason is ours when the parser is (`--lang`), else clap's range.
            let why = std::error::Error::source(&e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            m!("usage.value-why", arg = arg, found = found, why = why)
        }
        ErrorKind::ArgumentConflict if arg == value(ContextKind::PriorArg) => {
            m!("usage.too-many", x = arg)
        }
        ErrorKind::ArgumentConflict => {
            m!("usage.conflict", x = arg, y = value(ContextKind::PriorArg))
        }
        // `--csv=1`: a switch takes no value.
        ErrorKind::TooManyValues if !found.is_empty() => {
            m!("usage.flag-value", x = arg, found = found)
        }
        ErrorKind::TooManyValues => m!("usage.too-many", x = arg),
        _ => m!("usage.other"),
    };
    let mut out = m!("usage.head", message = message);
    for hint in [
        value(ContextKind::SuggestedSubcommand),
        value(ContextKind::SuggestedArg),
    ] {
        if !hint.is_empty() {
            out.push('\n');
            out.push_str("  ");
            out.push_str(&m!("did-you-mean", x = hint));
        }
    }
    let valid = value(ContextKind::ValidValue);
    if !valid.is_empty() {
        out.push('\n');
        out.push_str(&m!("usage.valid", values = valid));
    }
    let usage = value(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    if !usage.is_empty() {
        out.push_str("\n\n");
        out.push_str(&m!("usage.usage", usage = usage));
    }
    out.push_str("\n\n");
    out.push_str(&m!("usage.more"));
    eprintln!("{out}");
    std::process::exit(2)
}

/// Sets the help of `cmd`, its arguments and its subcommands from the catalogue keys
/// `<key>.about`, `<key>.<arg>` and `<key>.<subcommand>.…`.
fn localize(mut cmd: clap::Command, key: &str) -> clap::Command {
    use clap::{Arg, ArgAction};
    let text = |k: String| xuexi::i18n::tr(&k, &[]);
    let about = text(format!("{key}.about"));
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    let heading = text("help.heading.options".into());
    for id in &ids {
        let help = text(format!("{key}.{id}"));
        let heading = heading.clone();
        // clap words a default in English: the catalogue's help says it instead.
        let arguments = text("help.heading.arguments".into());
        cmd = cmd.mut_arg(id, |a| {
            let takes_value = a.get_action().takes_values();
            let heading = if a.is_positional() {
                arguments
            } else {
                heading
            };
            a.help(help)
                .help_heading(heading)
                .hide_default_value(takes_value)
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in &names {
        let sub_key = format!("{key}.{name}");
        cmd = cmd.mut_subcommand(name, |c| localize(c, &sub_key));
    }
    cmd.about(about.clone())
        .long_about(about)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(text("help.heading.commands".into()))
        .help_template(text("help.template".into()))
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(text("help.flag.help".into()))
                .help_heading(heading.clone()),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(text("help.flag.version".into()))
                .help_heading(heading),
        )
}

/// clap's usage lines (`xuexi check [OPTIONS]`), their English placeholders in the
/// catalogue's words; on the built command, so that each knows its full name and the
/// global options.
fn localize_usage(cmd: &mut clap::Command) {
    let text = |k: &str| xuexi::i18n::tr(k, &[]);
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .trim()
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", &text("help.usage.options"))
        .replace("<COMMAND>", &text("help.usage.command"));
    *cmd = std::mem::take(cmd).override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        localize_usage(sub);
    }
}

/// The language asked for with `--lang` (read before the arguments are parsed, so that
/// their own messages can use it), else the locale's.
pub fn language() -> xuexi::i18n::Lang {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .enumerate()
        .find_map(|(i, a)| {
            a.strip_prefix("--lang=")
                .map(str::to_string)
                .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned()).flatten())
        })
        .and_then(|l| xuexi::i18n::Lang::parse(&l))
        .unwrap_or_else(xuexi::i18n::Lang::from_env)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every command and argument has its Chinese help in the catalogue (English help
    /// is the doc comments).
    #[test]
    fn every_command_and_argument_has_chinese_help() {
        let zh = xuexi::i18n::parse(xuexi::i18n::ZH_CN);
        fn walk(cmd: &clap::Command, key: &str, zh: &std::collections::HashMap<String, String>) {
            assert!(zh.contains_key(&format!("{key}.about")), "{key}.about");
            for a in cmd.get_arguments() {
                let id = a.get_id().to_string();
                if id != "help" && id != "version" {
                    assert!(zh.contains_key(&format!("{key}.{id}")), "{key}.{id}");
                }
            }
            for c in cmd.get_subcommands() {
                walk(c, &format!("{key}.{}", c.get_name()), zh);
            }
        }
        walk(&super::Cli::command(), "help", &zh);
        // clap's own English (`[default: .]`) stays out of the Chinese help: the
        // catalogue's text says the default.
        fn no_english(cmd: &mut clap::Command) {
            let help = cmd.render_long_help().to_string();
            for english in ["[default", "[OPTIONS]", "<COMMAND>", "Usage", "Arguments"] {
                assert!(!help.contains(english), "{english}: {help}");
            }
            for c in cmd.get_subcommands_mut() {
                no_english(c);
            }
        }
        let mut cmd = super::localize(super::Cli::command(), "help");
        cmd.build();
        super::localize_usage(&mut cmd);
        no_english(&mut cmd);
        for k in [
            "help.heading.options",
            "help.heading.commands",
            "help.heading.arguments",
            "help.usage.options",
            "help.usage.command",
            "help.template",
            "help.flag.help",
            "help.flag.version",
        ] {
            assert!(zh.contains_key(k), "{k}");
        }
    }
}
