//! Language-dependent display of numbers.
//!
//! Official Vietnamese reports write the decimal comma and the thousands dot
//! ("98,53%", "57.486 tổ chức đảng"), with no space before "%"; small
//! numbers have no separator ("606"). English uses the decimal point and the
//! thousands comma.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The language of displayed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Vietnamese: `57.486`, `98,53%`.
    #[default]
    Vi,
    /// English: `57,486`, `98.53%`.
    En,
}

impl std::str::FromStr for Lang {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        match s {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            _ => Err(crate::ErrorKind::UnknownCode {
                what: "language",
                value: s.to_owned(),
                expected: &["vi", "en"],
            }
            .into()),
        }
    }
}

/// A count displayed with the thousands separator of `lang`.
///
/// # Examples
///
/// ```
/// use party_oversight::{Lang, count};
///
/// assert_eq!(count(57_486, Lang::Vi).to_string(), "57.486");
/// assert_eq!(count(57_486, Lang::En).to_string(), "57,486");
/// assert_eq!(count(606, Lang::Vi).to_string(), "606");
/// ```
#[must_use]
pub fn count(n: u64, lang: Lang) -> impl fmt::Display {
    group_digits(u128::from(n), lang)
}

pub(crate) fn group_digits(n: u128, lang: Lang) -> String {
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A congress number in roman numerals, as in "Đại hội IX" (1 to 3999;
/// other numbers are shown in digits).
#[must_use]
pub fn roman(mut n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// The most characters of a rejected value that a message quotes; a longer
/// value is cut there and its length is given.
pub const MAX_QUOTED_CHARS: usize = 80;

/// A rejected value as messages quote it, in one style everywhere: between
/// single quotes, control characters escaped (`\n`, `\u{0}`), and cut after
/// [`MAX_QUOTED_CHARS`] characters with the full length given, so that a
/// line break, a NUL or a megabyte of text never ends up raw in a message.
///
/// # Examples
///
/// ```
/// use party_oversight::quoted;
///
/// assert_eq!(quoted("CB-1").to_string(), "'CB-1'");
/// assert_eq!(quoted("a\nb\0").to_string(), "'a\\nb\\u{0}'");
/// let long = "x".repeat(1000);
/// assert!(quoted(&long).to_string().ends_with("…' (1000 characters)"));
/// ```
#[must_use]
pub fn quoted(value: &str) -> impl fmt::Display + '_ {
    Quoted(value)
}

struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        f.write_char('\'')?;
        let mut cut = false;
        for (shown, c) in self.0.chars().enumerate() {
            if shown == MAX_QUOTED_CHARS {
                cut = true;
                break;
            }
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                f.write_char(c)?;
            }
        }
        if cut {
            write!(f, "…' ({} characters)", self.0.chars().count())
        } else {
            f.write_char('\'')
        }
    }
}

/// The one blank-text rule of the crate: a name is blank when it has no
/// character other than white space (Unicode `White_Space`, so an
/// ideographic space U+3000 is blank too). The constructors and the reader
/// both call it.
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping() {
        assert_eq!(count(0, Lang::Vi).to_string(), "0");
        assert_eq!(count(999, Lang::En).to_string(), "999");
        assert_eq!(count(1_000, Lang::Vi).to_string(), "1.000");
        assert_eq!(count(323_979, Lang::Vi).to_string(), "323.979");
        assert_eq!(count(5_600_000, Lang::En).to_string(), "5,600,000");
        assert_eq!(
            count(u64::MAX, Lang::En).to_string(),
            "18,446,744,073,709,551,615"
        );
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(12), "XII");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(19), "XIX");
        assert_eq!(roman(0), "0");
    }
}
