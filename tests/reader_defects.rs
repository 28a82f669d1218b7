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
    organizations.csv:1: *: because of the problem on this line, 325 rows of members.csv and 408 rows of oversight.csv and 383 rows of oversight_subjects.csv and 8 rows of discipline.csv could not be checked against it
    oversight.csv:2: *: because of the problem on this line, 6 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:3: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:4: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:5: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:6: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:7: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:8: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:9: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:10: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:11: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:12: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:13: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:14: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:15: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:16: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:17: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:18: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:19: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:20: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:21: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:22: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:23: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:24: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:25: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:26: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:27: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:28: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:29: *: because of the problem on this line, 6 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:30: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:31: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:32: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:33: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:34: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:35: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:36: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:37: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:38: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:39: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:40: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:41: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:42: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:43: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:44: *: because of the problem on this line, 6 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:45: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:46: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:47: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:48: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:49: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:50: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:51: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:52: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:53: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:54: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:55: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:56: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:57: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:58: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:59: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:60: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:61: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:62: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:63: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:64: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:65: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:66: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:67: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:68: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:69: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:70: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:71: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:72: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:73: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:74: *: because of the problem on this line, 6 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:75: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:76: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:77: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:78: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:79: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:80: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:81: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:82: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:83: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:84: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:85: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:86: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:87: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:88: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:89: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:90: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:91: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:92: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:93: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:94: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:95: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:96: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:97: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:98: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:99: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:100: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:101: *: because of the problem on this line, 6 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:102: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:103: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:104: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:105: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:106: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:107: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:108: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:109: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:110: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:111: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:112: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:113: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:114: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:115: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:116: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:117: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:118: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:119: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:120: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:121: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:122: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:123: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:124: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:125: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:126: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:127: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:128: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:129: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:130: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:131: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:132: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:133: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:134: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:135: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:136: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:137: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:138: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:139: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:140: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:141: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:142: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:143: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:144: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:145: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:146: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:147: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:148: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:149: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:150: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:151: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:152: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:153: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:154: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:155: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:156: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:157: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:158: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:159: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:160: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:161: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:162: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:163: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:164: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:165: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:166: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:167: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:168: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:169: *: because of the problem on this line, 9 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:170: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:171: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:172: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:173: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:174: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:175: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:176: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:177: *: because of the problem on this line, 6 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:178: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:179: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:180: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:181: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:182: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:183: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:184: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:185: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:186: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:187: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:188: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:189: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:190: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:191: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:192: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:193: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:194: *: because of the problem on this line, 6 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:195: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:196: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:197: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:198: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:199: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:200: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:201: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:202: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:203: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:204: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:205: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:206: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:207: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:208: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:209: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:210: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:211: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:212: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:213: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:214: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:215: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:216: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:217: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:218: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:219: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:220: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:221: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:222: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:223: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:224: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:225: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:226: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:227: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:228: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:229: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:230: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:231: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:232: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:233: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:234: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:235: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:236: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:237: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:238: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:239: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:240: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:241: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:242: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:243: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:244: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:245: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:246: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:247: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:248: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:249: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:250: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:251: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:252: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:253: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:254: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:255: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:256: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:257: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:258: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:259: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:260: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:261: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:262: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:263: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:264: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:265: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:266: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:267: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:268: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:269: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:270: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:271: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:272: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:273: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:274: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:275: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:276: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:277: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:278: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:279: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:280: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:281: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:282: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:283: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:284: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:285: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:286: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:287: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:288: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:289: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:290: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:291: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:292: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:293: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:294: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:295: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:296: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:297: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:298: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:299: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:300: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:301: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:302: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:303: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:304: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:305: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:306: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:307: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:308: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:309: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:310: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:311: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:312: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:313: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:314: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:315: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:316: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:317: *: because of the problem on this line, 6 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:318: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:319: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:320: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:321: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:322: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:323: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:324: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:325: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:326: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:327: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:328: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:329: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:330: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:331: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:332: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:333: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:334: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:335: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:336: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:337: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:338: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:339: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:340: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:341: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:342: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:343: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:344: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:345: *: because of the problem on this line, 6 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:346: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:347: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:348: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:349: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:350: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:351: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:352: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:353: *: because of the problem on this line, 6 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:354: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:355: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:356: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:357: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:358: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:359: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:360: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:361: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:362: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:363: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:364: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:365: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:366: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:367: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:368: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:369: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:370: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:371: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:372: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:373: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:374: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:375: *: because of the problem on this line, 6 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:376: *: because of the problem on this line, 8 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:377: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:378: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:379: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:380: *: because of the problem on this line, 6 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:381: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:382: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:383: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:384: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:385: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:386: *: because of the problem on this line, 6 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:387: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:388: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:389: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:390: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:391: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:392: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:393: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:394: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:395: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:396: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:397: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:398: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:399: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:400: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:401: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:402: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:403: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:404: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:405: *: because of the problem on this line, 3 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:406: *: because of the problem on this line, 1 row of oversight_subjects.csv could not be checked against it
    oversight.csv:407: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:408: *: because of the problem on this line, 2 rows of oversight_subjects.csv could not be checked against it
    oversight.csv:409: *: because of the problem on this line, 5 rows of oversight_subjects.csv could not be checked against it
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
