//! Code lists ("catalogues") declared once.
//!
//! Each small enumeration of the domain (levels, leaving reasons, discipline
//! forms, bodies, …) is written once, as a table of variants with their
//! interchange code and their Vietnamese and English terms, in the spirit
//! of `uom`'s unit tables. Everything else derives from that table: `ALL`,
//! `CODES`, [`std::fmt::Display`] (the code), [`std::str::FromStr`], the
//! reader's byte parsing, serde (the code, validated on the way in) and the
//! labels. A code therefore cannot be accepted in one place and refused in
//! another, and the list of expected codes in an error is always the real
//! one.

/// Declares a catalogue enum; see the module documentation.
macro_rules! catalogue {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $what:literal {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => $code:literal, $vi:literal, $en:literal;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in the catalogue's order.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The codes of the interchange format and of serde, in the
            /// order of [`Self::ALL`].
            pub const CODES: [&'static str; [$($code),+].len()] = [$($code),+];

            /// What the code names, as error messages say it.
            pub const WHAT: &'static str = $what;

            /// The code of the interchange format and of serde.
            #[must_use]
            pub const fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// The Vietnamese term.
            #[must_use]
            pub const fn vi(self) -> &'static str {
                match self { $($name::$variant => $vi,)+ }
            }

            /// The English term.
            #[must_use]
            pub const fn en(self) -> &'static str {
                match self { $($name::$variant => $en,)+ }
            }

            /// The term in `lang`.
            #[must_use]
            pub const fn label(self, lang: $crate::Lang) -> &'static str {
                match lang {
                    $crate::Lang::Vi => self.vi(),
                    $crate::Lang::En => self.en(),
                }
            }

            /// The value of a code given as bytes, as the reader sees it.
            #[allow(dead_code)]
            pub(crate) fn from_code_bytes(code: &[u8]) -> Option<Self> {
                $( if code == $code.as_bytes() { return Some($name::$variant); } )+
                None
            }

            /// The value of a code, or the error that names the expected
            /// codes.
            pub(crate) fn parse_code(code: &[u8]) -> Result<Self, $crate::Error> {
                Self::from_code_bytes(code).ok_or_else(|| {
                    $crate::ErrorKind::UnknownCode {
                        what: $what,
                        value: String::from_utf8_lossy(code).into_owned(),
                        expected: &Self::CODES,
                    }
                    .into()
                })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::Error;
            fn from_str(s: &str) -> Result<Self, $crate::Error> {
                Self::parse_code(s.as_bytes())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str>>::deserialize(d)?;
                text.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}
