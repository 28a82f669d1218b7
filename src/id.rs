//! Validated identifiers.
//!
//! Identifiers are opaque strings: 1 to 64 characters, none of them a
//! control character ([the interchange format](crate::spec::format)). Nothing else about
//! their shape is assumed. Each entity has its own id type so that a member
//! id can never be passed where an organization id is expected.

use std::borrow::Borrow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};

/// The longest id accepted, in characters ([the interchange format](crate::spec::format)).
pub const MAX_ID_CHARS: usize = 64;

/// Which part of the id rule an id breaks; its message is written from
/// [`MAX_ID_CHARS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IdProblem {
    /// The id is empty.
    Empty,
    /// The id has more than [`MAX_ID_CHARS`] characters.
    TooLong,
    /// The id holds a control character.
    Control,
}

impl fmt::Display for IdProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdProblem::Empty => write!(
                f,
                "an id must have 1 to {MAX_ID_CHARS} characters, this one is empty"
            ),
            IdProblem::TooLong => write!(
                f,
                "an id must have 1 to {MAX_ID_CHARS} characters, this one is longer"
            ),
            IdProblem::Control => f.write_str("an id must not contain control characters"),
        }
    }
}

/// Checks the id rule and names the broken part.
pub(crate) fn check_id(text: &str) -> Result<(), IdProblem> {
    // Fast path: printable ASCII of 1 to MAX_ID_CHARS bytes.
    if (1..=MAX_ID_CHARS).contains(&text.len()) && text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Ok(());
    }
    if text.is_empty() {
        return Err(IdProblem::Empty);
    }
    if text.chars().nth(MAX_ID_CHARS).is_some() {
        return Err(IdProblem::TooLong);
    }
    if text.chars().any(char::is_control) {
        return Err(IdProblem::Control);
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $entity:literal) => {
        $(#[$doc])*
        ///
        /// Valid by construction: 1 to 64 characters, no control character.
        /// [`FromStr`], [`TryFrom<String>`] and `Deserialize` all go through
        /// [`Self::new`].
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(Box<str>);

        impl $name {
            /// Validates `text` as an id.
            ///
            /// # Errors
            ///
            /// [`ErrorKind::Id`] if `text` is empty, longer than 64
            /// characters or holds a control character.
            pub fn new(text: impl Into<String>) -> Result<Self, Error> {
                let text = text.into();
                match check_id(&text) {
                    Ok(()) => Ok($name(text.into_boxed_str())),
                    Err(reason) => Err(ErrorKind::Id { entity: $entity, value: text, reason }.into()),
                }
            }

            /// An id from text already known to be valid (or a placeholder
            /// shown in a message).
            #[allow(dead_code)]
            pub(crate) fn trusted(text: impl Into<String>) -> Self {
                $name(text.into().into_boxed_str())
            }

            /// The id as text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), &*self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                Self::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(s: String) -> Result<Self, Error> {
                Self::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = Error;
            fn try_from(s: &str) -> Result<Self, Error> {
                Self::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.into_string()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// The id of a [`PartyOrganization`](crate::PartyOrganization).
    OrgId,
    "organization"
);
id_type!(
    /// The id of a [`Member`](crate::Member).
    MemberId,
    "member"
);
id_type!(
    /// The id of an [`Inspection`](crate::Inspection) (an inspection or a
    /// supervision).
    InspectionId,
    "inspection"
);
id_type!(
    /// The id of a [`DisciplineAction`](crate::DisciplineAction).
    DisciplineId,
    "discipline action"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_opaque_text() {
        for ok in [
            "T1",
            "a",
            "Đảng bộ 7",
            " spaced ",
            &"x".repeat(64),
            &"Đ".repeat(64),
        ] {
            assert_eq!(OrgId::new(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn rejects_with_reason() {
        insta::assert_snapshot!(OrgId::new("").unwrap_err(), @"invalid organization id '': an id must have 1 to 64 characters, this one is empty");
        insta::assert_snapshot!(MemberId::new("x".repeat(65)).unwrap_err(), @"invalid member id 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx': an id must have 1 to 64 characters, this one is longer");
        insta::assert_snapshot!(OrgId::new("a\tb").unwrap_err(), @r"invalid organization id 'a\tb': an id must not contain control characters");
    }

    #[test]
    fn serde_validates() {
        let ok: OrgId = serde_json::from_str("\"T1\"").unwrap();
        assert_eq!(ok.as_str(), "T1");
        assert_eq!(serde_json::to_string(&ok).unwrap(), "\"T1\"");
        let err = serde_json::from_str::<OrgId>("\"\"").unwrap_err();
        assert!(err.to_string().contains("this one is empty"), "{err}");
    }

    #[test]
    fn borrow_lookup() {
        let mut set = std::collections::BTreeSet::new();
        set.insert(OrgId::new("T1").unwrap());
        assert!(set.contains("T1"));
    }
}
