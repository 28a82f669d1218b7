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
    // Read in blocks of any size, the same report byte for byte.
    let report = |c: &interchange::Columns| {
        let r = interchange::RollupReport::compute(c).unwrap();
        let mut out = Vec::new();
        r.write_rollup(&mut out).unwrap();
        r.write_term(&mut out).unwrap();
        out
    };
    for block in [1, 13, 1000] {
        let c = interchange::load(&d.0, LoadOptions::default().block_size(block)).unwrap();
        assert_eq!(report(&c), report(&a), "blocks of {block} bytes");
    }
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
    // And across blocks of a file read in pieces.
    let small = interchange::load(&d.0, LoadOptions::default().block_size(100_000)).unwrap_err();
    let small: Vec<String> = small.problems().iter().map(ToString::to_string).collect();
    assert_eq!(small, p);
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
    insta::assert_snapshot!(d.problems().join("\n"), @"members.csv:4: *: a blank line; every line is the header or a record");
}

#[test]
fn a_nul_in_an_id_is_escaped_in_the_message() {
    let d = TempDir::copy("nul");
    d.edit("members.csv", |t| t.replacen("DV00000002", "DV\u{0}2", 1));
    d.edit("oversight_subjects.csv", |t| {
        t.replace("DV00000002", "DV\u{0}2")
    });
    let p = d.problems();
    assert!(p.iter().any(|l| l.contains("'DV\\u{0}2'")), "{p:#?}");
    assert!(p.iter().all(|l| !l.contains('\0')));
    // The rows that name the refused id are not reported as missing it:
    // the checks they need are counted against the refused row.
    assert!(
        p.iter().all(|l| !l.contains("is not in members.csv")),
        "{p:#?}"
    );
    assert!(
        p.iter()
            .any(|l| l.starts_with("members.csv:3: *: because of the problem on this line")),
        "{p:#?}"
    );
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
    // Every organization is a root of its own (a forest is allowed): only
    // the subjects and bodies that no longer lie under each other remain.
    assert!(
        p.iter()
            .all(|l| !l.contains("no parent") && !l.contains("the root")),
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

/// A dataset with a parent cycle and one break of every other rule, each on
/// rows the cycle does not touch: every problem is reported in one read.
#[test]
fn a_parent_cycle_hides_no_other_problem() {
    let dir = std::env::temp_dir().join(format!("party-oversight-every-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        (
            "organizations.csv",
            "id,parent_id,level,name,established,dissolved,successor_id
TW,,central,Trung ương,1930-02-03,,
P1,TW,provincial,Tỉnh 1,1950-01-01,,
D1,P1,district,Huyện 1,1960-01-01,,
G1,D1,grassroots,\"Xã 1, huyện 1\",1970-01-01,,
C1,G1,cell,Chi bộ 1,1975-01-01,,
G2,D1,grassroots,Trường 2,1970-01-01,,
B1,G1,partial,Đảng bộ bộ phận 1,1975-01-01,,
C2,B1,cell,Chi bộ 2,1975-01-01,,
CY1,CY2,grassroots,Vòng 1,1980-01-01,,
CY2,CY1,grassroots,Vòng 2,1980-01-01,,
CY3,CY1,cell,Dưới vòng,1980-01-01,,
X1,D1,grassroots,Ngày sai,1980-02-30,,
X2,D1,commune,Cấp lạ,1980-01-01,,
X3,D1,grassroots, ,1980-01-01,,
X4,D1,grassroots,Giải thể trước,1980-01-01,1979-01-01,
X5,D1,cell,Sai cấp,1980-01-01,,
X6,NOPE,grassroots,Cha lạ,1980-01-01,,
X1,D1,grassroots,Trùng,1980-01-01,,
",
        ),
        (
            "members.csv",
            "id,org_id,full_name,admitted,official,left,left_reason
M1,C1,Nguyễn Văn A,2000-01-01,2001-01-01,,
M2,C1,Trần Thị B,2016-05-01,,,
M3,G2,Lê Văn C,2005-01-01,2006-01-01,,
MC,CY3,Dưới vòng,2000-01-01,2001-01-01,,
E1,C1,Thiếu trường,2000-01-01
E2,C1,Nguyễn \"Sai\" Ngoặc,2000-01-01,2001-01-01,,
M1,C1,Trùng mã,2000-01-01,2001-01-01,,
E3,NOPE,Không có chi bộ,2000-01-01,2001-01-01,,
E4,D1,Ở huyện,2000-01-01,2001-01-01,,
E5,C1,Chính thức sớm,2000-01-01,2000-06-01,,
E6,C1,Ra trước,2000-01-01,,1999-01-01,death
E7,C1,Không lý do,2000-01-01,2001-01-01,2010-01-01,
E8,C1,Dự bị khai trừ,2016-01-01,,2016-06-01,expulsion
E9,C1,   ,2000-01-01,2001-01-01,,
",
        ),
        (
            "oversight.csv",
            "id,activity,kind,body,body_org_id,started,concluded
K1,inspection,compliance,commission,D1,2017-03-01,2017-04-01
S1,supervision,thematic,committee,G1,2017-02-01,
KC,inspection,compliance,commission,CY1,2017-03-01,
V1,inspection,tea,commission,D1,2017-03-01,
V2,inspection,compliance,commission,D1,2017-03-01,2017-01-01
V3,inspection,compliance,committee,C1,2017-03-01,
V4,inspection,compliance,commission,G2,1960-01-01,
V5,inspection,compliance,commission,NOPE,2017-03-01,
",
        ),
        (
            "oversight_subjects.csv",
            "oversight_id,subject_type,subject_id,violation,indicators,handled
K1,organization,G1,true,I.4;II.2,2017-05-01
K1,member,M1,false,,
S1,member,M2,,,
KC,organization,CY3,,,
K1,member,MC,false,,
NOPE,member,M1,false,,
K1,member,M2,maybe,,
K1,member,M3,true,\"I.1,I.2\",
K1,organization,C1,false,I.1,
S1,member,M1,false,,
K1,organization,G2,true,,2016-01-01
K1,member,M1,false,,
S1,organization,G2,,,
K1,organization,X3,false,,
K1,member,GHOST,false,,
",
        ),
        (
            "discipline.csv",
            "id,subject_type,subject_id,form,status,body,body_org_id,violation_date,date,oversight_id
KL1,member,M1,warning,decided,commission,D1,2016-12-01,2017-05-01,K1
KL2,organization,G1,reprimand,proposed,commission,D1,2016-12-01,2017-05-01,K1
KY,organization,CY3,warning,decided,committee,D1,2016-12-01,2017-05-01,
KL3,organization,G2,expulsion,decided,commission,D1,2016-12-01,2017-05-01,
KL4,member,M3,warning,decided,commission,D1,2017-12-01,2017-05-01,
KL5,member,M1,warning,decided,committee,B1,2016-12-01,2017-05-01,
KL6,member,M1,expulsion,decided,committee,C1,2016-12-01,2017-05-01,
KL7,member,GHOST,warning,decided,commission,D1,2016-12-01,2017-05-01,
KL8,member,M3,warning,decided,committee,G2,1960-01-01,1965-01-01,
",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let e = interchange::load(&dir, LoadOptions::default()).unwrap_err();
    // Read in blocks of any size (one record each, at 1 byte), the same
    // problems on the same lines.
    for block in [1, 7, 100, 4096] {
        let b = interchange::load(&dir, LoadOptions::default().block_size(block)).unwrap_err();
        assert_eq!(b.problems(), e.problems(), "blocks of {block} bytes");
    }
    let _ = std::fs::remove_dir_all(&dir);
    let rules: std::collections::BTreeSet<Rule> = e.problems().iter().map(|p| p.rule).collect();
    for rule in [
        Rule::ParentCycle,
        Rule::InvalidDate,
        Rule::UnknownCode,
        Rule::BlankText,
        Rule::DissolvedBeforeEstablished,
        Rule::LevelOrder,
        Rule::UnknownReference,
        Rule::DuplicateId,
        Rule::FieldCount,
        Rule::Quoting,
        Rule::MemberOrgLevel,
        Rule::OfficialBeforeProbationEnds,
        Rule::LeftBeforeAdmitted,
        Rule::LeavingReason,
        Rule::ProbationaryExpelled,
        Rule::ConcludedBeforeStarted,
        Rule::BodyBelowGrassroots,
        Rule::BodyNotExisting,
        Rule::InvalidFlag,
        Rule::InvalidIndicators,
        Rule::FindingWithoutViolation,
        Rule::Conclusion,
        Rule::HandledBeforeStarted,
        Rule::DuplicateSubject,
        Rule::SubjectOutsideBody,
        Rule::FormNotAllowed,
        Rule::DecisionBeforeViolation,
        Rule::PartialBody,
        Rule::CellLimit,
        Rule::NotChecked,
    ] {
        assert!(rules.contains(&rule), "{rule} not reported:\n{e}");
    }
    insta::assert_snapshot!(e.to_string(), @"
    invalid dataset (46 problems):
    organizations.csv:10: level: organization CY1 (grassroots) cannot be directly under CY2 (grassroots): only partial or cell may be under a grassroots
    organizations.csv:10: parent_id: organizations CY1 → CY2 → CY1 form a parent cycle; the parent links must form a tree
    organizations.csv:10: *: because of the problem on this line, 1 row of members.csv and 1 row of oversight.csv and 2 rows of oversight_subjects.csv and 1 row of discipline.csv could not be checked against it
    organizations.csv:11: level: organization CY2 (grassroots) cannot be directly under CY1 (grassroots): only partial or cell may be under a grassroots
    organizations.csv:11: parent_id: is part of the parent cycle reported on line 10
    organizations.csv:13: established: '1980-02-30' is not a day of the calendar
    organizations.csv:14: level: unknown organization level code 'commune': expected one of central, provincial, district, grassroots, partial, cell
    organizations.csv:15: name: organization X3: the name must not be blank
    organizations.csv:15: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    organizations.csv:16: dissolved: organization X4: dissolved on 1979-01-01, before it was established on 1980-01-01
    organizations.csv:17: level: organization X5 (cell) cannot be directly under D1 (district): only grassroots may be under a district
    organizations.csv:18: parent_id: organization X6 names parent NOPE, which is not in the tree
    organizations.csv:19: id: organization id 'X1' is also on line 13; ids must be unique
    members.csv:6: *: expected 7 fields, found 4
    members.csv:7: *: bad quoting: a quote inside an unquoted field
    members.csv:8: id: member id 'M1' is also on line 2; ids must be unique
    members.csv:9: org_id: organization 'NOPE' is not in organizations.csv
    members.csv:10: org_id: organization 'D1' is a district; members belong to a grassroots, partial or cell organization
    members.csv:11: official: member E5: was recognised official on 2000-06-01, before the end of probation on 2001-01-01 (admitted 2000-01-01 + 12 months; Party Charter, Article 5)
    members.csv:12: left: member E6: left on 1999-01-01, before being admitted on 2000-01-01
    members.csv:13: left_reason: member E7: left on 2010-01-01 but no leaving reason is given; a reason is required with a leaving date
    members.csv:14: left_reason: member E8: was expelled on 2016-06-01 while probationary; a probationary member cannot be expelled, their removal is name removal (Party Charter, Articles 5 and 35)
    members.csv:15: full_name: member E9: the full name must not be blank
    oversight.csv:5: kind: unknown inspection kind code 'tea': expected one of compliance, signs_of_violation, oversight_duties, finance, asset_declaration
    oversight.csv:6: concluded: inspection V2: concluded on 2017-01-01, before it started on 2017-03-01
    oversight.csv:7: body_org_id: the committee of C1 cannot act: organization C1 is a cell; only the grassroots level and above conduct oversight
    oversight.csv:8: body: the commission of G2 does not exist: an inspection commission sits only at district level and above or at a grassroots party committee with units under it (QĐ 262-QĐ/TW)
    oversight.csv:8: body_org_id: the commission of G2 did not exist on 1960-01-01
    oversight.csv:9: body_org_id: organization 'NOPE' is not in organizations.csv
    oversight_subjects.csv:7: oversight_id: inspection 'NOPE' is not in oversight.csv
    oversight_subjects.csv:8: violation: 'maybe' is not true, false or empty
    oversight_subjects.csv:9: indicators: invalid degradation indicator code 'I.1,I.2': the codes of a set are separated by ';' (e.g. I.1;II.4), with no other separator or space
    oversight_subjects.csv:10: indicators: indicators are given only with violation = true
    oversight_subjects.csv:11: violation: inspection S1: member M1 has a conclusion but the inspection has no conclusion date
    oversight_subjects.csv:12: handled: inspection K1: organization G2: handled on 2016-01-01, before the inspection started on 2017-03-01
    oversight_subjects.csv:13: subject_id: member M1 is listed twice; a subject appears at most once per inspection (first on line 3)
    oversight_subjects.csv:14: subject_id: organization G2 does not lie under the committee of G1; an organization subject lies strictly below the body's organization
    oversight_subjects.csv:16: subject_id: member 'GHOST' is not in members.csv
    discipline.csv:5: form: organization G2 is an organization, so 'expulsion' is not an allowed form (Party Charter, Article 35): allowed are reprimand, warning, dissolution
    discipline.csv:6: violation_date: dated 2017-05-01, before the violation on 2017-12-01
    discipline.csv:7: body_org_id: the committee of B1 cannot decide or propose discipline: a partial party organization (đảng bộ bộ phận) is not a disciplining body (docs/format.md)
    discipline.csv:7: subject_id: member M1 does not lie under the committee of B1; a member subject belongs to an organization in the body's subtree
    discipline.csv:8: form: the committee of C1 is a chi bộ, which decides only reprimand or warning for its members, not expulsion (Party Charter, Article 36)
    discipline.csv:9: subject_id: member 'GHOST' is not in members.csv
    discipline.csv:10: body_org_id: the committee of G2 did not exist on 1965-01-01
    discipline.csv:10: subject_id: member M3 was not a member on 1965-01-01
    ");
}

#[test]
fn a_record_with_bad_quoting_and_bad_utf8_is_one_problem_and_the_next_line_is_fine() {
    let d = TempDir::copy("phantom");
    let path = d.0.join("members.csv");
    let mut bytes = std::fs::read(&path).unwrap();
    // Line 3: a quote inside an unquoted field, and an invalid UTF-8 byte.
    let line3 = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .map(|(i, _)| i + 1)
        .unwrap();
    let comma = line3 + bytes[line3..].iter().position(|&b| b == b',').unwrap();
    bytes.splice(comma + 1..comma + 1, b"x\"\xff".iter().copied());
    std::fs::write(&path, bytes).unwrap();
    let p = d.problems();
    let members: Vec<&String> = p
        .iter()
        .filter(|l| l.starts_with("members.csv:") && !l.contains("could not be checked"))
        .collect();
    assert_eq!(members.len(), 1, "{p:#?}");
    assert!(
        members[0].starts_with("members.csv:3: *: bad quoting"),
        "{p:#?}"
    );
}

#[test]
fn a_megabyte_id_is_cut_in_the_message() {
    let d = TempDir::copy("long-id");
    let long = "Q".repeat(1 << 20);
    d.edit("members.csv", |t| t.replacen("DV00000002", &long, 1));
    let p = d.problems();
    assert!(
        p.iter().all(|l| l.len() < 400),
        "a line of {} bytes",
        p.iter().map(String::len).max().unwrap()
    );
    assert!(
        p.iter()
            .any(|l| l.contains(&format!("…' ({} characters)", 1 << 20))),
        "{p:#?}"
    );
}

/// At national size (275,000 organizations, generated here, not committed),
/// a parent cycle through all of them prints in linear size: one short line
/// per organization, and a first message that names a few and counts the
/// rest.
#[test]
fn a_national_size_parent_problem_prints_in_linear_size() {
    let dir = std::env::temp_dir().join(format!("party-oversight-cycle-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let n = 275_000;
    let mut orgs = String::from("id,parent_id,level,name,established,dissolved,successor_id\n");
    for i in 0..n {
        let parent = (i + 1) % n;
        orgs.push_str(&format!(
            "O{i},O{parent},grassroots,Tổ chức {i},1980-01-01,,\n"
        ));
    }
    std::fs::write(dir.join("organizations.csv"), orgs).unwrap();
    for (name, header) in [
        (
            "members.csv",
            "id,org_id,full_name,admitted,official,left,left_reason",
        ),
        (
            "oversight.csv",
            "id,activity,kind,body,body_org_id,started,concluded",
        ),
        (
            "oversight_subjects.csv",
            "oversight_id,subject_type,subject_id,violation,indicators,handled",
        ),
        (
            "discipline.csv",
            "id,subject_type,subject_id,form,status,body,body_org_id,violation_date,date,oversight_id",
        ),
    ] {
        std::fs::write(dir.join(name), format!("{header}\n")).unwrap();
    }
    let e = interchange::load(&dir, LoadOptions::default().max_problems(usize::MAX)).unwrap_err();
    let _ = std::fs::remove_dir_all(&dir);
    let text = e.to_string();
    let cycle: Vec<_> = e
        .problems()
        .iter()
        .filter(|p| p.rule == Rule::ParentCycle)
        .collect();
    assert_eq!(cycle.len(), n, "one cycle problem per organization");
    // Two short lines per organization: its part of the cycle, and the
    // level rule that every cycle also breaks.
    assert!(
        text.len() < n * 500,
        "{} bytes for {n} organizations",
        text.len()
    );
    assert!(e.problems().iter().all(|p| p.message.len() < 200));
    insta::assert_snapshot!(cycle[0].to_string(), @"organizations.csv:2: parent_id: organizations O0 → O1 → O2 → O3 → O4 → O5 → … (274994 more) form a parent cycle; the parent links must form a tree");
}

/// A province standing alone (a forest of one root of level provincial)
/// rolls up exactly as it does under the centre: every row but the centre's
/// is the same.
#[test]
fn a_province_alone_rolls_up_as_under_the_centre() {
    let report = |dir: &Path| {
        let c = interchange::load(dir, LoadOptions::default()).unwrap();
        let r = interchange::RollupReport::compute(&c).unwrap();
        let (mut rollup, mut term) = (Vec::new(), Vec::new());
        r.write_rollup(&mut rollup).unwrap();
        r.write_term(&mut term).unwrap();
        let keep = |bytes: Vec<u8>| -> Vec<String> {
            String::from_utf8(bytes)
                .unwrap()
                .lines()
                .filter(|l| !l.starts_with("T8,"))
                .map(str::to_owned)
                .collect()
        };
        (keep(rollup), keep(term))
    };
    let whole = report(Path::new(FIXTURE));
    let d = TempDir::copy("province-alone");
    d.edit("organizations.csv", |t| {
        t.lines()
            .filter(|l| !l.starts_with("T8,"))
            .map(|l| l.replacen("T22,T8,", "T22,,", 1))
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    });
    let alone = report(&d.0);
    assert!(whole.0.len() > 10);
    assert_eq!(alone, whole);
}

#[test]
fn a_byte_order_mark_an_empty_file_and_a_header_alone() {
    // A UTF-8 byte order mark, as spreadsheet programs write it, is skipped.
    let d = TempDir::copy("bom");
    d.edit("members.csv", |t| format!("\u{feff}{t}"));
    assert_eq!(d.problems(), Vec::<String>::new());
    // An empty file has no header.
    let d = TempDir::copy("empty");
    std::fs::write(d.0.join("discipline.csv"), "").unwrap();
    insta::assert_snapshot!(d.problems().join("\n"), @"discipline.csv:1: *: the file is empty; a header row is required");
    // A header alone is a valid file with no rows.
    let d = TempDir::copy("header-only");
    std::fs::write(
        d.0.join("discipline.csv"),
        "id,subject_type,subject_id,form,status,body,body_org_id,violation_date,date,oversight_id\r\n",
    )
    .unwrap();
    assert_eq!(d.problems(), Vec::<String>::new());
    // Blank lines before the header are reported, and the header still read.
    let d = TempDir::copy("blank-before-header");
    d.edit("discipline.csv", |t| format!("\n\n{t}"));
    insta::assert_snapshot!(d.problems().join("\n"), @"
    discipline.csv:1: *: a blank line; every line is the header or a record
    discipline.csv:2: *: a blank line; every line is the header or a record
    ");
    // The last record may end without a line feed.
    let d = TempDir::copy("no-final-newline");
    d.edit("discipline.csv", |t| t.trim_end().to_owned());
    assert_eq!(d.problems(), Vec::<String>::new());
}

#[test]
fn version_2_files_are_read_with_their_problems_located() {
    let d = TempDir::copy("v2");
    // An empty file of version 2 is a valid one: nothing moves.
    std::fs::write(d.0.join("org_moves.csv"), "org_id,date,parent_id\n").unwrap();
    assert_eq!(d.problems(), Vec::<String>::new());
    // A wrong header, an unknown id and a bad weight, each located.
    std::fs::write(d.0.join("org_moves.csv"), "org,date,parent_id\n").unwrap();
    std::fs::write(
        d.0.join("org_lineage.csv"),
        "predecessor_id,successor_id,weight\nNOPE,T1,1\n",
    )
    .unwrap();
    std::fs::write(d.0.join("member_moves.csv"), "member_id,date,org_id\n").unwrap();
    let p = d.problems();
    assert!(
        p.iter().any(|m| m.starts_with("org_moves.csv:1: ")),
        "{p:#?}"
    );
    assert!(
        p.iter()
            .any(|m| m.starts_with("org_lineage.csv:2: predecessor_id: ") && m.contains("NOPE")),
        "{p:#?}"
    );
}
