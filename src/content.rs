//! What a violation was about: the content categories of the inspection
//! sector's statistical forms.
//!
//! The forms of QĐ 357-QĐ/UBKTTW (2016) count violations of members by 11
//! categories and of organizations by 7 (the forms' "Nội dung" columns, as
//! implemented by a 2021 UBKT data-entry application; the project's
//! `docs/format.md`, "Optional columns"). The 2022 forms of QĐ
//! 885-QĐ/UBKTTW may rename or add categories; their headings were not
//! found.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::inspection::SubjectType;

catalogue! {
    /// What a member's violation was about: the 11 categories of the
    /// forms (QĐ 357-QĐ/UBKTTW, e.g. F5 "Nội dung kiểm tra").
    pub enum MemberContent: "member content category" {
        /// Việc chấp hành nguyên tắc tập trung dân chủ, quy chế làm việc,
        /// chế độ công tác.
        DemocraticCentralism => "democratic_centralism", "nguyên tắc tập trung dân chủ, quy chế làm việc, chế độ công tác", "democratic centralism, working rules and regime";
        /// Việc giữ gìn phẩm chất đạo đức, lối sống.
        EthicsLifestyle => "ethics_lifestyle", "phẩm chất đạo đức, lối sống", "ethics and lifestyle";
        /// Việc giữ gìn đoàn kết nội bộ.
        InternalUnity => "internal_unity", "đoàn kết nội bộ", "internal unity";
        /// Những điều đảng viên không được làm.
        ProhibitedActs => "prohibited_acts", "những điều đảng viên không được làm", "what members must not do";
        /// Chính sách dân số - kế hoạch hóa gia đình.
        PopulationPolicy => "population_policy", "chính sách dân số - kế hoạch hóa gia đình", "population and family planning policy";
        /// Tham nhũng, cố ý làm trái.
        Corruption => "corruption", "tham nhũng, cố ý làm trái", "corruption, deliberate wrongdoing";
        /// Thiếu trách nhiệm, buông lỏng lãnh đạo.
        Irresponsibility => "irresponsibility", "thiếu trách nhiệm, buông lỏng lãnh đạo", "irresponsibility, lax leadership";
        /// Đất đai, tài nguyên, khoáng sản.
        LandResources => "land_resources", "đất đai, tài nguyên, khoáng sản", "land, natural resources, minerals";
        /// Tài chính, ngân hàng, đầu tư, xây dựng cơ bản.
        FinanceInvestment => "finance_investment", "tài chính, ngân hàng, đầu tư, xây dựng cơ bản", "finance, banking, investment, construction";
        /// Kê khai tài sản, thu nhập.
        AssetDeclaration => "asset_declaration", "kê khai tài sản, thu nhập", "declaration of assets and income";
        /// Khác.
        Other => "other", "khác", "other";
    }
}

catalogue! {
    /// What an organization's violation was about: the 7 categories of the
    /// forms (QĐ 357-QĐ/UBKTTW, e.g. F2 and F6 "Nội dung kiểm tra").
    pub enum OrgContent: "organization content category" {
        /// Việc chấp hành nghị quyết, chỉ thị, quy định, kết luận của Đảng.
        PartyResolutions => "party_resolutions", "chấp hành nghị quyết, chỉ thị, quy định, kết luận của Đảng", "the Party's resolutions, directives, regulations and conclusions";
        /// Việc chấp hành chính sách, pháp luật của Nhà nước.
        StateLaw => "state_law", "chấp hành chính sách, pháp luật của Nhà nước", "the State's policies and laws";
        /// Việc thực hiện quy chế làm việc, nguyên tắc tập trung dân chủ,
        /// đoàn kết nội bộ.
        WorkingRules => "working_rules", "quy chế làm việc, nguyên tắc tập trung dân chủ, đoàn kết nội bộ", "working rules, democratic centralism, internal unity";
        /// Công tác cán bộ.
        Personnel => "personnel", "công tác cán bộ", "personnel work";
        /// Thực hành tiết kiệm, chống lãng phí.
        Thrift => "thrift", "thực hành tiết kiệm, chống lãng phí", "thrift and fighting waste";
        /// Giải quyết khiếu nại, tố cáo.
        Complaints => "complaints", "giải quyết khiếu nại, tố cáo", "handling complaints and denunciations";
        /// Khác.
        Other => "other", "khác", "other";
    }
}

/// What a violation was about, in the list of its subject's type.
///
/// ```
/// use party_oversight::{Content, MemberContent, SubjectType};
/// let c = Content::parse(SubjectType::Member, "corruption")?;
/// assert_eq!(c, Content::Member(MemberContent::Corruption));
/// assert!(Content::parse(SubjectType::Organization, "corruption").is_err());
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Content {
    /// A member's violation.
    Member(MemberContent),
    /// An organization's violation.
    Organization(OrgContent),
}

impl Content {
    /// Reads `code` in the list of `side`.
    ///
    /// # Errors
    ///
    /// [`crate::ErrorKind::UnknownCode`] for a code not in that list.
    pub fn parse(side: SubjectType, code: &str) -> Result<Self, Error> {
        match side {
            SubjectType::Member => code.parse().map(Content::Member),
            SubjectType::Organization => code.parse().map(Content::Organization),
        }
    }

    /// The subject type whose list it is in.
    #[must_use]
    pub const fn side(self) -> SubjectType {
        match self {
            Content::Member(_) => SubjectType::Member,
            Content::Organization(_) => SubjectType::Organization,
        }
    }

    /// The interchange code.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Content::Member(c) => c.code(),
            Content::Organization(c) => c.code(),
        }
    }

    /// The Vietnamese term of the forms.
    #[must_use]
    pub const fn vi(self) -> &'static str {
        match self {
            Content::Member(c) => c.vi(),
            Content::Organization(c) => c.vi(),
        }
    }

    /// The English term.
    #[must_use]
    pub const fn en(self) -> &'static str {
        match self {
            Content::Member(c) => c.en(),
            Content::Organization(c) => c.en(),
        }
    }
}

impl std::fmt::Display for Content {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
