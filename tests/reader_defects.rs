//! The reader defects of issue 9, each with a test that failed before the
//! fix: CRLF files (also with every field quoted, and across chunks),
//! bare CR, blank lines, a NUL in an id, a discipline decision on its
//! body's dissolution day, linear messages for a broken parent column, and
//! checks that still run past a parent cycle.

use std::path::{Path, PathBuf};

use party_oversight::Rule;
use party_oversight::interchange::{self, LoadOptions};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");

struct TempDir(PathBuf);

impl TempDir {
    fn copy(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "party-oversight-defects-{}-{tag}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for f in interchange::FILES {
            std::fs::copy(Path::new(FIXTURE).join(f), dir.join(f)).unwrap();
        }
        TempDir(dir)
    }

    fn edit(&self, file: &str, f: impl FnOnce(String) -> String) {
        let p = self.0.join(file);
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, f(text)).unwrap();
    }

    fn problems(&self) -> Vec<String> {
        match interchange::load(&self.0, LoadOptions::default()) {
            Ok(_) => Vec::new(),
            Err(e) => e.problems().iter().map(ToString::to_string).collect(),
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn quote_all(text: &str) -> String {
    text.lines()
        .map(|l| {
            l.split(',')
                .map(|f| format!("\"{f}\""))
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

#[test]
fn crlf_files_with_every_field_quoted_read_as_the_lf_ones() {
    let d = TempDir::copy("crlf-quoted");
    for f in interchange::FILES {
        if f == "members.csv" {
            // As Python's csv.writer(quoting=QUOTE_ALL) writes it.
            d.edit(f, |t| quote_all(&t));
        } else {
            d.edit(f, |t| t.replace('\n', "\r\n"));
        }
    }
    assert_eq!(d.problems(), Vec::<String>::new());
    let a = interchange::load(Path::new(FIXTURE), LoadOptions::default()).unwrap();
    let b = interchange::load(&d.0, LoadOptions::default()).unwrap();
    assert_eq!(a.members(), b.members());
    assert_eq!(a.subjects(), b.subjects());
}

#[test]
fn crlf_line_numbers_are_right() {
    let d = TempDir::copy("crlf-lines");
    d.edit("members.csv", |t| {
        let mut lines: Vec<String> = t.lines().map(str::to_owned).collect();
        let mut f: Vec<&str> = lines[4].split(',').collect();
        f[3] = "19xx-01-01"; // line 5: admitted
        lines[4] = f.join(",");
        lines.join("\r\n") + "\r\n"
    });
    let p = d.problems();
    assert!(
        p.iter().any(|l| l.starts_with("members.csv:5: admitted:")),
        "{p:#?}"
    );
}

#[test]
fn crlf_line_numbers_are_right_across_chunks() {
    // A members.csv of more than 1 MiB is cut into chunks read in parallel.
    let d = TempDir::copy("crlf-chunks");
    let mut broken_line = 0;
    d.edit("members.csv", |t| {
        let mut lines: Vec<String> = t.lines().map(str::to_owned).collect();
        let header = lines.remove(0);
        let org = lines[0].split(',').nth(1).unwrap().to_owned();
        let mut out = vec![header];
        out.extend(lines);
        let mut n = 0;
        while out.iter().map(|l| l.len() + 2).sum::<usize>() < 3 << 20 {
            n += 1;
            out.push(format!(
                "X{n:08},{org},Người Thứ {n},2001-01-01,2002-01-01,,"
            ));
        }
        broken_line = out.len() - 10;
        out[broken_line] = out[broken_line].replace("2001-01-01", "2001-13-01");
        out.join("\r\n") + "\r\n"
    });
    let p = d.problems();
    let want = format!("members.csv:{}: admitted:", broken_line + 1);
    assert!(
        p.iter().any(|l| l.starts_with(&want)),
        "{want} not in {p:#?}"
    );
}

#[test]
fn a_bare_cr_is_refused_on_its_line() {
    let d = TempDir::copy("bare-cr");
    d.edit("organizations.csv", |t| t.replace('\n', "\r"));
    insta::assert_snapshot!(d.problems().join("\n"), @"
    organizations.csv:1: *: malformed header: a carriage return (CR) without a line feed; lines end with LF or CR LF
    organizations.csv:1: *: because of the problem on this line, 325 rows of members.csv and 408 rows of oversight.csv and 1130 rows of oversight_subjects.csv and 8 rows of discipline.csv could not be checked against it
    ");
}

#[test]
fn a_blank_line_is_a_problem_and_hides_nothing() {
    let d = TempDir::copy("blank");
    d.edit("members.csv", |t| {
        let t = quote_all(&t);
        let mut lines: Vec<&str> = t.split("\r\n").collect();
        lines.insert(3, "");
        lines.join("\r\n")
    });
    insta::assert_snapshot!(d.problems().join("\n"), @"members.csv:4: *: a blank line; every line after the header must be a record");
}

#[test]
fn a_nul_in_an_id_is_escaped_in_the_message() {
    let d = TempDir::copy("nul");
    d.edit("members.csv", |t| t.replacen("DV00000002", "DV\u{0}2", 1));
    let p = d.problems();
    assert!(p.iter().any(|l| l.contains("'DV\\u{0}2'")), "{p:#?}");
    assert!(p.iter().all(|l| !l.contains('\0')));
}

#[test]
fn a_decision_on_its_body_dissolution_day_is_valid() {
    let d = TempDir::copy("dissolution-day");
    // KL0000001 is decided by T4's committee on 2018-09-02: dissolve T4 that day.
    d.edit("organizations.csv", |t| {
        t.lines()
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                if f[0] == "T4" && f[5].is_empty() {
                    format!("{},{},{},{},{},2018-09-02,", f[0], f[1], f[2], f[3], f[4])
                } else {
                    l.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    });
    let p = d.problems();
    assert!(
        p.iter().all(|l| !l.starts_with("discipline.csv:2:")),
        "{p:#?}"
    );
}

#[test]
fn an_emptied_parent_column_prints_in_linear_size() {
    let d = TempDir::copy("roots");
    d.edit("organizations.csv", |t| {
        t.lines()
            .enumerate()
            .map(|(i, l)| {
                let mut f: Vec<&str> = l.split(',').collect();
                if i > 0 {
                    f[1] = "";
                }
                f.join(",")
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    });
    let p = d.problems();
    let rows: usize = interchange::FILES
        .iter()
        .map(|f| {
            std::fs::read_to_string(d.0.join(f))
                .unwrap()
                .lines()
                .count()
        })
        .sum();
    let total: usize = p.iter().map(String::len).sum();
    // At most a line of bounded length per row, whatever the number of roots.
    assert!(total < rows * 200, "{total} bytes for {rows} rows");
    assert!(p.iter().all(|l| l.len() < 400), "{p:#?}");
    assert!(
        p.iter().any(|l| l.contains("and ") && l.contains("more")),
        "{p:#?}"
    );
}

#[test]
fn checks_still_run_past_a_parent_cycle() {
    let d = TempDir::copy("cycle");
    // Make T1 and T22's grassroots children point at each other... simplest:
    // a cycle between two organizations that nothing else needs.
    d.edit("organizations.csv", |t| {
        t + "CY1,CY2,grassroots,Vòng A,2000-01-01,,\nCY2,CY1,grassroots,Vòng B,2000-01-01,,\n"
    });
    // An organization given expulsion, and a member subject outside its
    // body: both between organizations the cycle does not touch.
    d.edit("discipline.csv", |t| {
        t + "KLX1,organization,T1,expulsion,decided,committee,T22,2015-01-01,2016-01-01,\n"
    });
    let p = d.problems();
    assert!(p.iter().any(|l| l.contains("parent cycle")), "{p:#?}");
    assert!(
        p.iter()
            .any(|l| l.starts_with("discipline.csv:") && l.contains("expulsion")),
        "{p:#?}"
    );
    let e = interchange::load(&d.0, LoadOptions::default()).unwrap_err();
    assert!(e.problems().iter().any(|p| p.rule == Rule::ParentCycle));
    assert!(e.problems().iter().any(|p| p.rule == Rule::FormNotAllowed));
}

#[test]
fn problems_are_bounded_and_the_rest_counted() {
    let d = TempDir::copy("bounded");
    d.edit("members.csv", |t| t.replace(",19", ",xx"));
    let e = interchange::load(&d.0, LoadOptions::default().max_problems(3)).unwrap_err();
    let p = e.problems();
    assert_eq!(p.len(), 4);
    assert_eq!(p[3].rule, Rule::MoreProblems);
    assert!(
        p[3].message.contains("more problems not listed"),
        "{}",
        p[3]
    );
}

#[test]
fn a_failed_write_leaves_nothing_new_behind() {
    use std::error::Error as _;
    let d = TempDir::copy("atomic");
    let report = interchange::RollupReport::compute(
        &interchange::load(&d.0, LoadOptions::default()).unwrap(),
    )
    .unwrap();
    let out = d.0.join("out");
    std::fs::create_dir_all(&out).unwrap();
    // term.csv's temporary file cannot be created: a folder stands there.
    let blocker = out.join(format!(".term.csv.{}.tmp", std::process::id()));
    std::fs::create_dir_all(&blocker).unwrap();
    let e = report.write(&out).unwrap_err();
    assert!(e.to_string().starts_with("cannot write "), "{e}");
    // The I/O error is kept as the source.
    let io = e.source().and_then(|s| s.source());
    assert!(io.is_some_and(|s| s.is::<std::io::Error>()), "{e:?}");
    // No new rollup.csv, and no temporary file left.
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        vec![blocker.file_name().unwrap().to_string_lossy().into_owned()]
    );
    std::fs::remove_dir(&blocker).unwrap();
    report.write(&out).unwrap();
    assert!(out.join("rollup.csv").exists() && out.join("term.csv").exists());
}
