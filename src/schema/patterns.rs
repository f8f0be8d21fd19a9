//! The regular expressions (ECMA-262, as JSON Schema and the CMS's browsers read them) for
//! values dossier checks by shape: the JSON Schemas and the CMS configuration share them.

pub const SLUG: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
/// A day, maybe with a time and offset: what a TOML date or date-time becomes.
pub const DATE: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([Tt ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:[0-9]{2})?)?$";
/// An event's partial date: a year, month or day, maybe a range, maybe approximate (`~`).
pub const PARTIAL_DATE: &str = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?(/[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?)?~?$";
pub const URL: &str = "^https?://[^\\s/?#]+([/?#]\\S*)?$";
pub const LANGUAGE_TAG: &str = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$";
/// A `[languages.<code>]` key: what names a translation file and a URL folder.
pub const LANGUAGE_CODE: &str = "^[a-z]{2,3}(-[a-z]{2})?$";
pub const WIKIDATA: &str = "^Q[0-9]+$";
/// A site path: from the root, no hidden or `..` segment.
pub const SITE_PATH: &str = "^/([^/.][^/]*/?)*$";
