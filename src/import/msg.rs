//! Every text `import` and `export` show to authors (zh-CN), in one place, to move into
//! the message catalogue with the rest of the CLI.

use std::fmt::Display;
use std::path::Path;

// Reading files.

pub fn bad_extension(path: &Path) -> String {
    format!("`{}`：要 .xlsx、.xls、.ods 或 .csv 文件", path.display())
}

pub fn cannot_read(path: &Path, e: &dyn Display) -> String {
    format!("读不了 `{}`：{e}", path.display())
}

pub fn not_csv(path: &Path, e: &dyn Display) -> String {
    format!("`{}` 不是有效的 CSV 文件：{e}", path.display())
}

pub fn not_a_book(path: &Path, e: &dyn Display) -> String {
    format!("`{}` 打不开，不是 Excel 或 WPS 表格：{e}", path.display())
}

pub fn no_sheet(path: &Path) -> String {
    format!("`{}` 里没有工作表", path.display())
}

pub fn cannot_read_sheet(sheet: &str, e: &dyn Display) -> String {
    format!("读不了工作表「{sheet}」：{e}")
}

// What was read and what was not.

/// `读取 工作表「单选题」：50 道题（表头在第 2 行，上面 1 行当作标题；题型按工作表名称：单选题）`
pub fn sheet_read(sheet: &str, count: usize, header_row: usize, kind: Option<&str>) -> String {
    let mut notes = Vec::new();
    if header_row > 1 {
        notes.push(format!(
            "表头在第 {header_row} 行，上面 {} 行当作标题",
            header_row - 1
        ));
    }
    if let Some(kind) = kind {
        notes.push(format!("题型按工作表名称：{}", kind_label(kind)));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!("（{}）", notes.join("；"))
    };
    format!("读取 工作表「{sheet}」：{count} 道题{notes}")
}

pub fn sheet_skipped(sheet: &str, why: &str) -> String {
    format!("跳过 工作表「{sheet}」：{why}")
}

pub fn empty_sheet() -> String {
    "是空的".into()
}

pub fn no_header(rows: usize) -> String {
    format!(
        "前 {rows} 行里没有表头：表头要有“题干”和“答案”两列（如 题型、题干、选项A、选项B、答案、解析）"
    )
}

pub fn no_kind_column() -> String {
    "没有“题型”列，工作表名称也看不出题型：加一列“题型”（单选、多选、判断、填空），或把工作表改名为“单选题”这样的名称".into()
}

pub fn ignored_columns(names: &[String]) -> String {
    format!("忽略的列：{}", names.join("、"))
}

/// An ignored column without a header: `第 J 列（没有表头）`.
pub fn unnamed_column(letter: &str) -> String {
    format!("第 {letter} 列（没有表头）")
}

pub fn merged(sheet: &str, ranges: &[String]) -> String {
    format!(
        "工作表「{sheet}」的合并单元格 {} 已按所覆盖的每一行读取",
        ranges.join("、")
    )
}

pub fn title_from_sheet(title: &str) -> String {
    format!("题库名称取自表格标题：{title}")
}

// Problems with one row (or one sheet).

pub fn at(sheet: &str, row: usize, column: &str) -> String {
    if column.is_empty() {
        format!("工作表「{sheet}」第 {row} 行")
    } else {
        format!("工作表「{sheet}」第 {row} 行「{column}」列")
    }
}

pub fn unknown_kind(v: &str) -> String {
    format!("题型 `{v}` 认不出：要写 单选、多选、不定项、判断 或 填空")
}

pub fn empty_kind() -> String {
    "题型是空的：要写 单选、多选、不定项、判断 或 填空".into()
}

pub fn empty_prompt() -> String {
    "题干是空的".into()
}

pub fn option_count(kind: &str, n: usize) -> String {
    format!("{}要有 2 到 8 个选项，这里有 {n} 个", kind_label(kind))
}

pub fn empty_option(letter: char) -> String {
    format!("选项{letter}是空的，后面却还有选项：把选项依次写在前面几列")
}

pub fn same_options(a: char, b: char, text: &str) -> String {
    format!("选项{a}和选项{b}一样：`{text}`")
}

pub fn bad_letters(raw: &str, kind: &str) -> String {
    let want = if kind == "single" {
        "单选题写一个字母，如 B"
    } else {
        "多选题写几个字母，如 ACD"
    };
    format!("答案 `{raw}` 不对：{want}")
}

pub fn letter_twice(raw: &str, c: char) -> String {
    format!("答案 `{raw}` 把 {c} 写了两次")
}

pub fn no_such_option(c: char, last: char) -> String {
    format!("答案 {c} 没有对应的选项：选项只有 A 到 {last}")
}

pub fn bad_truefalse(raw: &str) -> String {
    format!(
        "判断题的答案 `{raw}` 认不出：要写 对 或 错（√/×、正确/错误；有“正确/错误”两个选项时也可以写 A/B）"
    )
}

pub fn truefalse_option(c: char, text: &str) -> String {
    format!("判断题的答案 {c} 对应的选项“{text}”看不出对错：选项要写 正确/错误 或 对/错")
}

pub fn fill_mismatch(blanks: usize, answers: usize) -> String {
    format!(
        "题干里有 {blanks} 个空（__ 或空括号），答案却给了 {answers} 个：几个空的答案之间用 ； 隔开"
    )
}

pub fn bad_id(v: &str) -> String {
    format!("编号 `{v}` 不能用：只能用英文字母、数字和 -，如 q01")
}

pub fn duplicate_id(v: &str, first: &str) -> String {
    format!("编号 `{v}` 重复：{first}也是这个编号")
}

pub fn bad_points(v: &str) -> String {
    format!("分值 `{v}` 不对：要写大于 0、不超过 1000 的数，如 2 或 0.5")
}

// The command's own lines.

pub fn bad_quiz_id(why: &str) -> String {
    format!("题库编号不对：{why}")
}

pub fn error_line(e: &dyn Display) -> String {
    format!("错误：{e}")
}

pub fn skipped_line(e: &dyn Display) -> String {
    format!("已跳过：{e}")
}

pub fn bad_rows(n: usize) -> String {
    format!("{n} 处有问题，什么也没写：改好后再导入，或加 --skip-bad 只导入没有问题的行")
}

pub fn nothing_to_import() -> String {
    "没有可导入的题目，什么也没写".into()
}

pub fn existing_broken(path: &Path, e: &dyn Display) -> String {
    format!(
        "`{}` 有错误，没法在它的基础上更新：{e}\n先运行 xuexi check 改好，或加 --force 按表格重新导入（编号和设置不保留）",
        path.display()
    )
}

pub fn draw_too_big(draw: i64, n: usize) -> String {
    format!("每次抽题数 draw = {draw}，但题库只有 {n} 道题：用 --draw 改小（1 到 {n}）")
}

pub fn unknown_material(m: &str) -> String {
    format!("学习材料 `{m}` 不在 catalogue.toml 里：--material 要写材料的编号")
}

pub fn no_project(path: &Path) -> String {
    format!(
        "注意：这里没有找到项目（没有 catalogue.toml），题库写到了 {}；用 --root 指定项目文件夹",
        path.display()
    )
}

pub fn cannot_write(path: &Path, e: &dyn Display) -> String {
    format!("写不了 `{}`：{e}", path.display())
}

/// `导入：50 道题写入 quizzes/x.toml（新增 2 道，修改 1 道，删除 0 道，未变 47 道）`
pub fn imported(n: usize, path: &Path, changes: Option<[usize; 4]>) -> String {
    let changes = match changes {
        Some([added, changed, removed, same]) => {
            format!("（新增 {added} 道，修改 {changed} 道，删除 {removed} 道，未变 {same} 道）")
        }
        None => String::new(),
    };
    format!("导入：{n} 道题写入 {}{changes}", path.display())
}

pub fn no_quiz(id: &str) -> String {
    format!("没有题库 `{id}`")
}

pub fn exported(path: &Path, n: usize) -> String {
    format!("导出：{}（{n} 道题）", path.display())
}

pub fn export_extension(path: &Path) -> String {
    format!("`{}`：导出的文件名要以 .xlsx 或 .csv 结尾", path.display())
}

/// 单选题, 多选题, 判断题, 填空题.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "single" => "单选题",
        "multiple" => "多选题",
        "truefalse" => "判断题",
        "fill" => "填空题",
        _ => "选择题",
    }
}

/// A bank that import rewrites was kept as it was.
pub fn backed_up(target: &Path, backup: &Path, forced: bool) -> String {
    let why = if forced {
        "--force 会整个替换它"
    } else {
        "它有手写的注释或排版，导入后不保留"
    };
    format!(
        "`{}` {why}：原文件已另存为 `{}`",
        target.display(),
        backup.display()
    )
}
