//! The 27 expressions of degradation (27 biểu hiện suy thoái) of Resolution
//! 04-NQ/TW of the 12th Central Committee (30 October 2016), in three groups
//! of nine, declared once as data.
//!
//! # Which texts are official
//!
//! The full official text of the resolution was not available to this
//! project. Each item's [`DegradationIndicator::official_text`] is the
//! Vietnamese wording **as found quoted** in public sources, and only where
//! the wording of the whole item was found (confirmed by one source, or by
//! two or more); for items found only in part or not at all it is `None`,
//! and [`DegradationIndicator::label_vi`] is the item's topic as given by a
//! 2017 mnemonic poem that lists all 27 in order. Nothing is invented:
//! [`DegradationIndicator::confirmation`] and
//! [`DegradationIndicator::sources`] say how each text is known. When the
//! official text becomes available it replaces this table.
//!
//! The English labels are this project's own renderings.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};

catalogue! {
    /// The three groups of the 27 indicators, in official order.
    pub enum IndicatorGroup: "indicator group" {
        /// Group I: suy thoái về tư tưởng chính trị.
        PoliticalIdeology => "political_ideology", "Suy thoái về tư tưởng chính trị", "Degradation in political ideology";
        /// Group II: suy thoái về đạo đức, lối sống.
        EthicsLifestyle => "ethics_lifestyle", "Suy thoái về đạo đức, lối sống", "Degradation in ethics and lifestyle";
        /// Group III: biểu hiện "tự diễn biến", "tự chuyển hóa" trong nội bộ.
        SelfEvolution => "self_evolution", "Biểu hiện \"tự diễn biến\", \"tự chuyển hóa\" trong nội bộ", "\"Self-evolution\" and \"self-transformation\" within the Party";
    }
}

impl IndicatorGroup {
    /// The group's roman numeral as used in indicator codes: `I`, `II`, `III`.
    #[must_use]
    pub const fn roman(self) -> &'static str {
        match self {
            IndicatorGroup::PoliticalIdeology => "I",
            IndicatorGroup::EthicsLifestyle => "II",
            IndicatorGroup::SelfEvolution => "III",
        }
    }

    /// The nine indicators of this group, in official order.
    pub fn indicators(self) -> impl Iterator<Item = DegradationIndicator> {
        let first = self.index() * 9;
        (first..first + 9).map(|i| DegradationIndicator(i as u8))
    }

    const fn index(self) -> usize {
        match self {
            IndicatorGroup::PoliticalIdeology => 0,
            IndicatorGroup::EthicsLifestyle => 1,
            IndicatorGroup::SelfEvolution => 2,
        }
    }
}

/// How an indicator's Vietnamese text is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextConfirmation {
    /// The whole item's wording was found quoted by two or more sources.
    TwoOrMoreSources,
    /// The whole item's wording was found quoted by one source.
    OneSource,
    /// Only part of the wording was found; no official text is shipped.
    Partial,
    /// No quotation was found; only the topic is known.
    NotFound,
}

impl TextConfirmation {
    /// Whether the item's wording is shipped as its official text.
    #[must_use]
    pub const fn has_official_text(self) -> bool {
        matches!(
            self,
            TextConfirmation::TwoOrMoreSources | TextConfirmation::OneSource
        )
    }
}

struct Entry {
    code: &'static str,
    label_vi: &'static str,
    label_en: &'static str,
    text: &'static str,
    confirmation: TextConfirmation,
    sources: &'static str,
}

use TextConfirmation::{NotFound, OneSource, Partial, TwoOrMoreSources};

/// The catalogue, in official order (I.1 … III.9). Source keys are those of
/// the project's indicator reference: DV danviet.vn 2023, PLO plo.vn 2017,
/// LN lawnet.vn (English), WIKI vi.wikipedia "Đổi Mới" footnote, VTN
/// vietnamtodaynew 2024, BMDP binhminhdatphu.com, DT dantri.com.vn 2021, TTH
/// baothuathienhue.vn, THCS truyenhinhcapsongthu.net, BPT baophutho.vn, GL
/// giolong0361 2021, QDND qdnd.vn 2017, NHN nguoihanoi.com.vn, BTN
/// baothainguyen.vn, BOX boxhoidap.com, TC tiengchuong123 2019, POEM the 2017
/// mnemonic poem "Suy thoái và biểu hiện" (topics of all 27, in order).
const CATALOGUE: [Entry; 27] = [
    Entry {
        code: "I.1",
        label_vi: "Phai nhạt lý tưởng cách mạng",
        label_en: "Fading revolutionary ideals",
        text: "Phai nhạt lý tưởng cách mạng; dao động, giảm sút niềm tin vào mục tiêu độc lập dân tộc và chủ nghĩa xã hội; hoài nghi, thiếu tin tưởng vào chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh.",
        confirmation: TwoOrMoreSources,
        sources: "DV; PLO; WIKI; LN (English)",
    },
    Entry {
        code: "I.2",
        label_vi: "Xa rời tôn chỉ, mục đích của Đảng",
        label_en: "Drifting from the Party's purposes and aims",
        text: "Xa rời tôn chỉ, mục đích của Đảng; không kiên định con đường đi lên chủ nghĩa xã hội; phụ hoạ theo những nhận thức lệch lạc, quan điểm sai trái.",
        confirmation: TwoOrMoreSources,
        sources: "DV; WIKI; LN (English)",
    },
    Entry {
        code: "I.3",
        label_vi: "Nhận thức sai lệch về ý nghĩa, tầm quan trọng của lý luận",
        label_en: "Misjudging theory and neglecting political study",
        text: "Nhận thức sai lệch về ý nghĩa, tầm quan trọng của lý luận và học tập lý luận chính trị; lười học tập chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh, chủ trương, đường lối, nghị quyết của Đảng, chính sách, pháp luật của Nhà nước.",
        confirmation: TwoOrMoreSources,
        sources: "DV; VTN; LN (English)",
    },
    Entry {
        code: "I.4",
        label_vi: "Không chấp hành nghiêm các nguyên tắc tổ chức của Đảng",
        label_en: "Not strictly following the Party's organizational principles",
        text: "Không chấp hành nghiêm các nguyên tắc tổ chức của Đảng; sa sút ý chí phấn đấu, không gương mẫu trong công tác; né tránh trách nhiệm, thiếu trách nhiệm, trung bình chủ nghĩa, làm việc qua loa, đại khái, kém hiệu quả; không còn ý thức hết lòng vì nước, vì dân, không làm tròn chức trách, nhiệm vụ được giao.",
        confirmation: TwoOrMoreSources,
        sources: "PLO (full text); DV (first word); BTN (one clause); LN (English)",
    },
    Entry {
        code: "I.5",
        label_vi: "Trong tự phê bình còn giấu giếm, không dám nhận khuyết điểm",
        label_en: "Concealment in self-criticism, deference in criticism",
        text: "",
        confirmation: Partial,
        sources: "PLO; BMDP (the tail of the item not found)",
    },
    Entry {
        code: "I.6",
        label_vi: "Nói không đi đôi với làm",
        label_en: "Words not matched by deeds",
        text: "Nói không đi đôi với làm; hứa nhiều làm ít; nói một đằng, làm một nẻo; nói trong hội nghị khác, nói ngoài hội nghị khác; nói và làm không nhất quán giữa khi đương chức với lúc về nghỉ hưu.",
        confirmation: TwoOrMoreSources,
        sources: "DT; TTH",
    },
    Entry {
        code: "I.7",
        label_vi: "Áp đặt, bảo thủ ý mình",
        label_en: "Imposing one's own views; conservatism",
        text: "",
        confirmation: NotFound,
        sources: "POEM (topic only)",
    },
    Entry {
        code: "I.8",
        label_vi: "Khó khăn thì tránh, tham danh phiếu bầu",
        label_en: "Avoiding hardship; ambition for position and votes",
        text: "",
        confirmation: NotFound,
        sources: "POEM (topic only)",
    },
    Entry {
        code: "I.9",
        label_vi: "Thân, quen bổ nhiệm xếp vào",
        label_en: "Favouritism in appointments",
        text: "",
        confirmation: NotFound,
        sources: "POEM (topic only)",
    },
    Entry {
        code: "II.1",
        label_vi: "Cá nhân chủ nghĩa, sống ích kỷ, thực dụng, cơ hội, vụ lợi",
        label_en: "Individualism, selfishness, opportunism",
        text: "Cá nhân chủ nghĩa, sống ích kỷ, thực dụng, cơ hội, vụ lợi; chỉ lo thu vén cá nhân, không quan tâm đến lợi ích tập thể; ganh ghét, đố kỵ, so bì, tị nạnh, không muốn người khác hơn mình…",
        confirmation: OneSource,
        sources: "THCS (full item, as printed, ending in an ellipsis); BPT (the tail)",
    },
    Entry {
        code: "II.2",
        label_vi: "Vi phạm nguyên tắc tập trung dân chủ, gây mất đoàn kết nội bộ",
        label_en: "Violating democratic centralism; causing disunity",
        text: "Vi phạm nguyên tắc tập trung dân chủ, gây mất đoàn kết nội bộ; đoàn kết xuôi chiều, dân chủ hình thức; cục bộ, bè phái, kèn cựa địa vị, tranh chức, tranh quyền; độc đoán, gia trưởng, thiếu dân chủ trong chỉ đạo, điều hành.",
        confirmation: OneSource,
        sources: "GL",
    },
    Entry {
        code: "II.3",
        label_vi: "Kê khai tài sản mập mờ",
        label_en: "Opaque declaration of assets and income",
        text: "",
        confirmation: NotFound,
        sources: "POEM (topic only)",
    },
    Entry {
        code: "II.4",
        label_vi: "Giấu che khuyết điểm, thân cò phô trương",
        label_en: "Hiding shortcomings, showing off, chasing titles",
        text: "Mắc bệnh “thành tích”, háo danh, phô trương, che giấu khuyết điểm, thổi phồng thành tích, “đánh bóng” tên tuổi, thích được đề cao, ca ngợi, “chạy thành tích”, “chạy khen thưởng”, “chạy danh hiệu”.",
        confirmation: OneSource,
        sources: "CC (the whole item, quoted as the resolution's text); QDND and NHN (each clause, in shortened quotes, with semicolons); POEM (position)",
    },
    Entry {
        code: "II.5",
        label_vi: "Quan liêu, vô cảm, bàng quan",
        label_en: "Bureaucratism and indifference to the people",
        text: "",
        confirmation: Partial,
        sources: "BTN (the tail only); POEM (topic)",
    },
    Entry {
        code: "II.6",
        label_vi: "Thất thoát, phí phạm thời gian, bạc tiền",
        label_en: "Losses and waste of time and money",
        text: "",
        confirmation: NotFound,
        sources: "POEM (topic only)",
    },
    Entry {
        code: "II.7",
        label_vi: "Tham ô, lạm dụng chức quyền",
        label_en: "Embezzlement and abuse of office",
        text: "",
        confirmation: NotFound,
        sources: "POEM (topic only)",
    },
    Entry {
        code: "II.8",
        label_vi: "Thao túng nhân sự lợi riêng cho mình",
        label_en: "Manipulating personnel work for personal gain",
        text: "",
        confirmation: NotFound,
        sources: "POEM (topic only)",
    },
    Entry {
        code: "II.9",
        label_vi: "Bê tha, phạm đạo gia đình",
        label_en: "Dissolute living; breaching family ethics",
        text: "",
        confirmation: NotFound,
        sources: "POEM (topic only)",
    },
    Entry {
        code: "III.1",
        label_vi: "Phản bác, phủ nhận chủ nghĩa Mác-Lênin, tư tưởng Hồ Chí Minh",
        label_en: "Rejecting Marxism-Leninism; demanding pluralism",
        text: "Phản bác, phủ nhận chủ nghĩa Mác-Lênin, tư tưởng Hồ Chí Minh và các nguyên tắc tổ chức của Đảng, nhất là nguyên tắc tập trung dân chủ; đòi thực hiện \"đa nguyên, đa đảng\".",
        confirmation: OneSource,
        sources: "BOX",
    },
    Entry {
        code: "III.2",
        label_vi: "Phản bác, phủ nhận nền dân chủ xã hội chủ nghĩa",
        label_en: "Rejecting socialist democracy and the rule-of-law state",
        text: "Phản bác, phủ nhận nền dân chủ xã hội chủ nghĩa, nhà nước pháp quyền xã hội chủ nghĩa; đòi thực hiện thể chế \"tam quyền phân lập\", phát triển \"xã hội dân sự\". Phủ nhận nền kinh tế thị trường định hướng xã hội chủ nghĩa, chế độ sở hữu toàn dân về đất đai.",
        confirmation: OneSource,
        sources: "BOX",
    },
    Entry {
        code: "III.3",
        label_vi: "Nói, viết, làm trái quan điểm, chủ trương, đường lối của Đảng",
        label_en: "Speaking, writing or acting against Party lines",
        text: "Nói, viết, làm trái quan điểm, chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước. Hạ thấp, phủ nhận những thành quả cách mạng; thổi phồng khuyết điểm của Đảng, Nhà nước. Xuyên tạc lịch sử, bịa đặt, vu cáo các lãnh tụ tiền bối và lãnh đạo Đảng, Nhà nước.",
        confirmation: OneSource,
        sources: "BOX",
    },
    Entry {
        code: "III.4",
        label_vi: "Kích động tư tưởng bất mãn, bất đồng chính kiến, chống đối trong nội bộ",
        label_en: "Inciting discontent and internal opposition",
        text: "Kích động tư tưởng bất mãn, bất đồng chính kiến, chống đối trong nội bộ. Lợi dụng và sử dụng các phương tiện thông tin, truyền thông, mạng xã hội để nói xấu, bôi nhọ, hạ thấp uy tín, vai trò lãnh đạo của Đảng, gây chia rẽ nội bộ, nghi ngờ trong cán bộ, đảng viên và nhân dân.",
        confirmation: OneSource,
        sources: "BOX",
    },
    Entry {
        code: "III.5",
        label_vi: "Phủ nhận vai trò lãnh đạo tuyệt đối, trực tiếp về mọi mặt của Đảng đối với lực lượng vũ trang",
        label_en: "Denying the Party's leadership of the armed forces",
        text: "Phủ nhận vai trò lãnh đạo tuyệt đối, trực tiếp về mọi mặt của Đảng đối với lực lượng vũ trang; đòi \"phi chính trị hóa\" quân đội và công an; xuyên tạc đường lối quốc phòng toàn dân và an ninh nhân dân; chia rẽ quân đội với công an; chia rẽ nhân dân với quân đội và công an.",
        confirmation: OneSource,
        sources: "BOX",
    },
    Entry {
        code: "III.6",
        label_vi: "Móc nối, cấu kết với các thế lực thù địch",
        label_en: "Colluding with hostile forces",
        text: "",
        confirmation: Partial,
        sources: "BOX (cut off after the opening words)",
    },
    Entry {
        code: "III.7",
        label_vi: "Thông tin đối ngoại nhiễu hư",
        label_en: "Distorted information in external relations",
        text: "",
        confirmation: NotFound,
        sources: "POEM (topic only)",
    },
    Entry {
        code: "III.8",
        label_vi: "Lôi kéo, sáng tác, xấu dư luận đầy",
        label_en: "Drawing others in; distorted cultural works",
        text: "",
        confirmation: NotFound,
        sources: "POEM (topic only)",
    },
    Entry {
        code: "III.9",
        label_vi: "Có tư tưởng dân tộc hẹp hòi, tôn giáo cực đoan",
        label_en: "Narrow nationalism, religious extremism",
        text: "Có tư tưởng dân tộc hẹp hòi, tôn giáo cực đoan. Lợi dụng vấn đề \"dân chủ\", \"nhân quyền\", dân tộc, tôn giáo để gây chia rẽ nội bộ, gây chia rẽ giữa các dân tộc, giữa các tôn giáo, giữa dân tộc và tôn giáo, giữa các dân tộc, tôn giáo với Đảng và Nhà nước.",
        confirmation: OneSource,
        sources: "TC",
    },
];

/// One of the 27 expressions of degradation of Resolution 04-NQ/TW.
///
/// A small `Copy` value; its code is `I.1` … `III.9` (group in roman
/// numerals, a dot, the number 1–9), which is also its [`Display`](fmt::Display) form, its
/// [`FromStr`] form and its serde form.
///
/// # Examples
///
/// ```
/// use party_oversight::{DegradationIndicator, IndicatorGroup};
///
/// let i: DegradationIndicator = "II.2".parse()?;
/// assert_eq!(i.group(), IndicatorGroup::EthicsLifestyle);
/// assert_eq!(i.number(), 2);
/// assert_eq!(i.to_string(), "II.2");
/// assert!(i.official_text().unwrap().starts_with("Vi phạm nguyên tắc tập trung dân chủ"));
/// // Items whose full wording was not found carry their topic only.
/// let topic_only = DegradationIndicator::new(IndicatorGroup::PoliticalIdeology, 7)?;
/// assert_eq!(topic_only.official_text(), None);
/// assert_eq!(topic_only.label_vi(), "Áp đặt, bảo thủ ý mình");
/// assert_eq!(DegradationIndicator::ALL.len(), 27);
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DegradationIndicator(u8);

impl DegradationIndicator {
    /// All 27, in official order: I.1 … I.9, II.1 … II.9, III.1 … III.9.
    pub const ALL: [DegradationIndicator; 27] = {
        let mut all = [DegradationIndicator(0); 27];
        let mut i = 0;
        while i < 27 {
            all[i] = DegradationIndicator(i as u8);
            i += 1;
        }
        all
    };

    /// The indicator with `number` (1–9) in `group`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::IndicatorNumber`] if `number` is not 1 to 9.
    pub fn new(group: IndicatorGroup, number: u8) -> Result<Self, Error> {
        if (1..=9).contains(&number) {
            Ok(DegradationIndicator((group.index() * 9) as u8 + number - 1))
        } else {
            Err(ErrorKind::IndicatorNumber {
                group: group.roman(),
                number,
            }
            .into())
        }
    }

    /// The indicator at `index` in official order (0 = I.1, 26 = III.9).
    #[must_use]
    pub fn from_index(index: usize) -> Option<Self> {
        (index < 27).then_some(DegradationIndicator(index as u8))
    }

    /// Its position in official order, 0 to 26.
    #[must_use]
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    fn entry(self) -> &'static Entry {
        // The field is private and only ever set below 27.
        &CATALOGUE[self.0 as usize % 27]
    }

    /// Its group.
    #[must_use]
    pub const fn group(self) -> IndicatorGroup {
        match self.0 / 9 {
            0 => IndicatorGroup::PoliticalIdeology,
            1 => IndicatorGroup::EthicsLifestyle,
            _ => IndicatorGroup::SelfEvolution,
        }
    }

    /// Its number within the group, 1 to 9.
    #[must_use]
    pub const fn number(self) -> u8 {
        self.0 % 9 + 1
    }

    /// Its code: `I.1` … `III.9`.
    #[must_use]
    pub fn code(self) -> &'static str {
        self.entry().code
    }

    /// A short label in Vietnamese: the opening words of the official text
    /// where it is known, otherwise the item's topic from the 2017
    /// mnemonic poem (see [`Self::confirmation`]).
    #[must_use]
    pub fn label_vi(self) -> &'static str {
        self.entry().label_vi
    }

    /// A short label in English (this project's rendering).
    #[must_use]
    pub fn label_en(self) -> &'static str {
        self.entry().label_en
    }

    /// The official Vietnamese text as found quoted, or `None` where only
    /// part of it or none of it was found. Never invented wording.
    #[must_use]
    pub fn official_text(self) -> Option<&'static str> {
        let e = self.entry();
        e.confirmation.has_official_text().then_some(e.text)
    }

    /// How the text is known.
    #[must_use]
    pub fn confirmation(self) -> TextConfirmation {
        self.entry().confirmation
    }

    /// The sources of the text or topic (keys listed in the module docs).
    #[must_use]
    pub fn sources(self) -> &'static str {
        self.entry().sources
    }
}

impl fmt::Debug for DegradationIndicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DegradationIndicator({})", self.code())
    }
}

impl fmt::Display for DegradationIndicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for DegradationIndicator {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let fail = |reason| {
            Error::from(ErrorKind::IndicatorCode {
                value: s.to_owned(),
                reason,
            })
        };
        if s.is_empty() {
            return Err(fail(
                "the code is empty; expected a group and a number such as I.1 or III.9",
            ));
        }
        let Some((group, number)) = s.split_once('.') else {
            return Err(fail(
                "expected a group and a number separated by a dot, such as I.1 or III.9",
            ));
        };
        let group = match group {
            "I" => IndicatorGroup::PoliticalIdeology,
            "II" => IndicatorGroup::EthicsLifestyle,
            "III" => IndicatorGroup::SelfEvolution,
            _ => return Err(fail("the group must be I, II or III")),
        };
        match number.as_bytes() {
            [d @ b'1'..=b'9'] => DegradationIndicator::new(group, d - b'0'),
            _ => Err(fail("the number must be 1 to 9")),
        }
    }
}

impl Serialize for DegradationIndicator {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for DegradationIndicator {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A set of degradation indicators, stored in one `u32`.
///
/// Iterates in official order. Its text form (also [`FromStr`]) is the
/// interchange format's: codes separated by `;` (`I.1;II.3`), empty for the
/// empty set; its serde form is a list of codes.
///
/// # Examples
///
/// ```
/// use party_oversight::{DegradationIndicator, IndicatorSet};
///
/// let found: IndicatorSet = "II.3;I.1".parse()?;
/// assert_eq!(found.len(), 2);
/// assert_eq!(found.to_string(), "I.1;II.3");
/// let more = found.union("I.1;III.9".parse()?);
/// assert_eq!(more.len(), 3);
/// assert!(more.contains("III.9".parse::<DegradationIndicator>()?));
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndicatorSet(u32);

impl IndicatorSet {
    const MASK: u32 = (1 << 27) - 1;

    /// The empty set.
    #[must_use]
    pub const fn new() -> Self {
        IndicatorSet(0)
    }

    /// All 27.
    #[must_use]
    pub const fn all() -> Self {
        IndicatorSet(Self::MASK)
    }

    /// The set whose bit `i` (0 = I.1 … 26 = III.9) is set in `bits`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::IndicatorCode`] if a bit above 26 is set.
    pub fn from_bits(bits: u32) -> Result<Self, Error> {
        if bits & !Self::MASK == 0 {
            Ok(IndicatorSet(bits))
        } else {
            Err(ErrorKind::IndicatorCode {
                value: format!("bits {bits:#x}"),
                reason: "only bits 0 to 26 name indicators",
            }
            .into())
        }
    }

    /// The bits: bit `i` is [`DegradationIndicator::index`] `i`.
    #[must_use]
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// Adds `indicator`; returns whether it was new.
    pub fn insert(&mut self, indicator: DegradationIndicator) -> bool {
        let bit = 1 << indicator.0;
        let new = self.0 & bit == 0;
        self.0 |= bit;
        new
    }

    /// Removes `indicator`; returns whether it was present.
    pub fn remove(&mut self, indicator: DegradationIndicator) -> bool {
        let bit = 1 << indicator.0;
        let had = self.0 & bit != 0;
        self.0 &= !bit;
        had
    }

    /// Whether `indicator` is in the set.
    #[must_use]
    pub const fn contains(self, indicator: DegradationIndicator) -> bool {
        self.0 & (1 << indicator.0) != 0
    }

    /// How many indicators the set holds.
    #[must_use]
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The indicators in either set.
    #[must_use]
    pub const fn union(self, other: IndicatorSet) -> IndicatorSet {
        IndicatorSet(self.0 | other.0)
    }

    /// The indicators in both sets.
    #[must_use]
    pub const fn intersection(self, other: IndicatorSet) -> IndicatorSet {
        IndicatorSet(self.0 & other.0)
    }

    /// The indicators of `self` not in `other`.
    #[must_use]
    pub const fn difference(self, other: IndicatorSet) -> IndicatorSet {
        IndicatorSet(self.0 & !other.0)
    }

    /// How many of the set's indicators are in `group`.
    #[must_use]
    pub const fn count_in(self, group: IndicatorGroup) -> usize {
        ((self.0 >> (group.index() * 9)) & 0x1ff).count_ones() as usize
    }

    /// The indicators, in official order.
    pub fn iter(self) -> impl Iterator<Item = DegradationIndicator> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            if bits == 0 {
                return None;
            }
            let i = bits.trailing_zeros();
            bits &= bits - 1;
            Some(DegradationIndicator(i as u8))
        })
    }
}

impl fmt::Debug for IndicatorSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl fmt::Display for IndicatorSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, ind) in self.iter().enumerate() {
            if i > 0 {
                f.write_char(SET_SEPARATOR)?;
            }
            f.write_str(ind.code())?;
        }
        Ok(())
    }
}

/// The separator of the codes of an [`IndicatorSet`] in text (`I.1;II.4`).
pub const SET_SEPARATOR: char = ';';

impl FromStr for IndicatorSet {
    type Err = Error;

    /// Parses `;`-separated codes; the empty string is the empty set. A code
    /// listed twice is an error.
    fn from_str(s: &str) -> Result<Self, Error> {
        let mut set = IndicatorSet::new();
        if s.is_empty() {
            return Ok(set);
        }
        for code in s.split(SET_SEPARATOR) {
            if code.contains([',', ' ', '|', '/']) {
                return Err(ErrorKind::IndicatorCode {
                    value: code.to_owned(),
                    reason: "the codes of a set are separated by ';' (e.g. I.1;II.4), with no other separator or space",
                }
                .into());
            }
            let ind: DegradationIndicator = code.parse()?;
            if !set.insert(ind) {
                return Err(ErrorKind::IndicatorCode {
                    value: code.to_owned(),
                    reason: "the code is listed twice",
                }
                .into());
            }
        }
        Ok(set)
    }
}

impl FromIterator<DegradationIndicator> for IndicatorSet {
    fn from_iter<T: IntoIterator<Item = DegradationIndicator>>(iter: T) -> Self {
        let mut set = IndicatorSet::new();
        set.extend(iter);
        set
    }
}

impl Extend<DegradationIndicator> for IndicatorSet {
    fn extend<T: IntoIterator<Item = DegradationIndicator>>(&mut self, iter: T) {
        for i in iter {
            self.insert(i);
        }
    }
}

impl Serialize for IndicatorSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for IndicatorSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let list = Vec::<DegradationIndicator>::deserialize(d)?;
        let mut set = IndicatorSet::new();
        for ind in list {
            if !set.insert(ind) {
                return Err(serde::de::Error::custom(format!(
                    "invalid degradation indicator code '{ind}': the code is listed twice"
                )));
            }
        }
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_set_error_names_its_separator() {
        insta::assert_snapshot!("I.1,I.2".parse::<IndicatorSet>().unwrap_err(), @"invalid degradation indicator code 'I.1,I.2': the codes of a set are separated by ';' (e.g. I.1;II.4), with no other separator or space");
        insta::assert_snapshot!("I.1; I.2".parse::<IndicatorSet>().unwrap_err(), @"invalid degradation indicator code ' I.2': the codes of a set are separated by ';' (e.g. I.1;II.4), with no other separator or space");
        assert_eq!("I.1;I.2".parse::<IndicatorSet>().unwrap().len(), 2);
    }

    #[test]
    fn catalogue_is_in_official_order() {
        for (i, ind) in DegradationIndicator::ALL.iter().enumerate() {
            let expected = format!("{}.{}", ind.group().roman(), ind.number());
            assert_eq!(ind.code(), expected, "entry {i}");
            assert_eq!(ind.index(), i);
            assert_eq!(ind.code().parse::<DegradationIndicator>().unwrap(), *ind);
        }
        for g in IndicatorGroup::ALL {
            assert_eq!(g.indicators().count(), 9);
            assert!(g.indicators().all(|i| i.group() == g));
        }
    }

    #[test]
    fn official_text_only_where_confirmed() {
        let with_text: Vec<_> = DegradationIndicator::ALL
            .iter()
            .filter(|i| i.official_text().is_some())
            .map(|i| i.code())
            .collect();
        assert_eq!(
            with_text,
            [
                "I.1", "I.2", "I.3", "I.4", "I.6", "II.1", "II.2", "II.4", "III.1", "III.2",
                "III.3", "III.4", "III.5", "III.9"
            ]
        );
        for e in &CATALOGUE {
            // Text is present exactly when it is shipped, never a leftover guess.
            assert_eq!(
                e.text.is_empty(),
                !e.confirmation.has_official_text(),
                "{}",
                e.code
            );
            assert!(!e.label_vi.is_empty() && !e.label_en.is_empty());
        }
    }

    #[test]
    fn bad_codes_say_why() {
        let msg = |s: &str| s.parse::<DegradationIndicator>().unwrap_err().to_string();
        insta::assert_snapshot!(msg("IV.1"), @"invalid degradation indicator code 'IV.1': the group must be I, II or III");
        insta::assert_snapshot!(msg("I.10"), @"invalid degradation indicator code 'I.10': the number must be 1 to 9");
        insta::assert_snapshot!(msg("I.0"), @"invalid degradation indicator code 'I.0': the number must be 1 to 9");
        insta::assert_snapshot!(msg(""), @"invalid degradation indicator code '': the code is empty; expected a group and a number such as I.1 or III.9");
        insta::assert_snapshot!(msg("I1"), @"invalid degradation indicator code 'I1': expected a group and a number separated by a dot, such as I.1 or III.9");
        insta::assert_snapshot!(msg("i.1"), @"invalid degradation indicator code 'i.1': the group must be I, II or III");
        insta::assert_snapshot!(
            DegradationIndicator::new(IndicatorGroup::SelfEvolution, 10).unwrap_err(),
            @"invalid degradation indicator number 10 in group III: each group has items 1 to 9 (Resolution 04-NQ/TW)"
        );
        insta::assert_snapshot!("I.1;I.1".parse::<IndicatorSet>().unwrap_err(), @"invalid degradation indicator code 'I.1': the code is listed twice");
        insta::assert_snapshot!(IndicatorSet::from_bits(1 << 27).unwrap_err(), @"invalid degradation indicator code 'bits 0x8000000': only bits 0 to 26 name indicators");
    }

    #[test]
    fn set_operations() {
        let a: IndicatorSet = "I.1;II.9;III.9".parse().unwrap();
        let b: IndicatorSet = "II.9;III.1".parse().unwrap();
        assert_eq!(a.union(b).to_string(), "I.1;II.9;III.1;III.9");
        assert_eq!(a.intersection(b).to_string(), "II.9");
        assert_eq!(a.difference(b).to_string(), "I.1;III.9");
        assert_eq!(a.count_in(IndicatorGroup::SelfEvolution), 1);
        assert_eq!(IndicatorSet::all().len(), 27);
        assert_eq!("".parse::<IndicatorSet>().unwrap(), IndicatorSet::new());
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"["I.1","II.9","III.9"]"#
        );
        assert!(serde_json::from_str::<IndicatorSet>(r#"["I.1","I.1"]"#).is_err());
        assert!(serde_json::from_str::<IndicatorSet>(r#"["IV.1"]"#).is_err());
    }

    proptest! {
        #[test]
        fn codes_round_trip(i in 0usize..27) {
            let ind = DegradationIndicator::from_index(i).unwrap();
            prop_assert_eq!(ind.to_string().parse::<DegradationIndicator>().unwrap(), ind);
            let json = serde_json::to_string(&ind).unwrap();
            prop_assert_eq!(serde_json::from_str::<DegradationIndicator>(&json).unwrap(), ind);
        }

        #[test]
        fn sets_round_trip(bits in 0u32..(1 << 27)) {
            let set = IndicatorSet::from_bits(bits).unwrap();
            prop_assert_eq!(set.to_string().parse::<IndicatorSet>().unwrap(), set);
            prop_assert_eq!(set.iter().count(), set.len());
            prop_assert_eq!(set.iter().collect::<IndicatorSet>(), set);
            let json = serde_json::to_string(&set).unwrap();
            prop_assert_eq!(serde_json::from_str::<IndicatorSet>(&json).unwrap(), set);
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,12}") {
            let _ = s.parse::<DegradationIndicator>();
            let _ = s.parse::<IndicatorSet>();
        }
    }
}
