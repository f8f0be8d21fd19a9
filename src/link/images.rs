//! Share images (Open Graph `og:image`, JSON-LD `image`): the site's default (`image` in
//! `site.toml`) and a speaker's own (`image` in the speaker's front matter). A file of the
//! site's `static/` gets its width and height from its header, as social networks want
//! them to lay out a card before fetching the image; a missing file, or one that is not a
//! PNG, JPEG, GIF or WebP image, is an error. An `https://` URL is taken as it is (nothing
//! is downloaded at build time, so its size is unknown).

use crate::load::SiteFile;

/// A share image: an absolute URL and, for a file of the site, its size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareImage {
    pub url: String,
    pub size: Option<ImageSize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageSize {
    pub width: usize,
    pub height: usize,
}

/// Why an `image` value cannot be used: the message and the help of the error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageProblem {
    pub message: String,
    pub help: String,
}

/// `value` (a path under `static/`, with or without a leading `/`, or an http(s) URL) as a
/// share image of the site published at `base_url`.
pub fn resolve(
    value: &str,
    static_files: &[SiteFile],
    base_url: &str,
) -> Result<ShareImage, ImageProblem> {
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Ok(ShareImage {
            url: value.to_string(),
            size: None,
        });
    }
    let name = value.trim_start_matches('/');
    let problem = |message: String, help: String| ImageProblem { message, help };
    if name.is_empty() || name.contains(':') || name.split('/').any(|part| part == "..") {
        return Err(problem(
            format!("`{value}` is neither a file of the site nor an http(s) URL"),
            "write the image's path under static/ (e.g. \"img/share.png\" for static/img/share.png), or an https:// URL".into(),
        ));
    }
    let Some(file) = static_files.iter().find(|f| f.name == name) else {
        return Err(problem(
            format!("no image `static/{name}`"),
            format!(
                "put the image at static/{name} (static/ is published at the site root), or write an https:// URL"
            ),
        ));
    };
    let size = imagesize::blob_size(&file.bytes).map_err(|_| {
        problem(
            format!("`static/{name}` is not a PNG, JPEG, GIF or WebP image"),
            "social networks show PNG, JPEG, GIF and WebP share images; convert it (1200×630 pixels suits most)".into(),
        )
    })?;
    let url = url::Url::parse(base_url)
        .and_then(|base| base.join(name))
        .map(String::from)
        .unwrap_or_else(|_| format!("{base_url}{name}"));
    Ok(ShareImage {
        url,
        size: Some(ImageSize {
            width: size.width,
            height: size.height,
        }),
    })
}

/// The site's icon (`favicon` in `site.toml`): a file of `static/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteIcon {
    /// Its path under `static/` (`img/icon.svg`).
    pub name: String,
    /// `image/svg+xml`, `image/png` or `image/x-icon`.
    pub media_type: &'static str,
}

impl SiteIcon {
    /// The icon `value` names, by its extension alone (what pages link); `None` for a name
    /// that is no icon file.
    pub fn named(value: &str) -> Option<SiteIcon> {
        let name = value.trim_start_matches('/');
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        let media_type = match extension.as_str() {
            "svg" => "image/svg+xml",
            "png" => "image/png",
            "ico" => "image/x-icon",
            _ => return None,
        };
        Some(SiteIcon {
            name: name.to_string(),
            media_type,
        })
    }

    /// What to publish as `/favicon.ico` from the icon's `bytes`: an ICO as it is, a PNG
    /// in an ICO container (which holds PNG images since Windows Vista); `None` for SVG.
    pub fn as_ico(&self, bytes: &[u8]) -> Option<Vec<u8>> {
        match self.media_type {
            "image/x-icon" => Some(bytes.to_vec()),
            "image/png" => {
                let size = imagesize::blob_size(bytes).ok()?;
                // A side of 256 or more is written 0.
                let side = |pixels: usize| u8::try_from(pixels).unwrap_or(0);
                let length = u32::try_from(bytes.len()).ok()?;
                let mut ico = vec![0, 0, 1, 0, 1, 0];
                ico.extend([side(size.width), side(size.height), 0, 0]);
                ico.extend(1u16.to_le_bytes());
                ico.extend(32u16.to_le_bytes());
                ico.extend(length.to_le_bytes());
                ico.extend(22u32.to_le_bytes());
                ico.extend_from_slice(bytes);
                Some(ico)
            }
            _ => None,
        }
    }
}

/// `value` (a path under `static/`) as the site's icon: the file must exist and be an SVG,
/// PNG or ICO image. An URL is refused: the theme makes no external requests.
pub fn site_icon(value: &str, static_files: &[SiteFile]) -> Result<SiteIcon, ImageProblem> {
    let problem = |message: String, help: String| ImageProblem { message, help };
    let name = value.trim_start_matches('/');
    if name.contains("://") {
        return Err(problem(
            format!("`{value}` is an address: the site's icon must be one of its own files"),
            "put the icon in static/ and write its path there (\"icon.svg\" for static/icon.svg): pages load nothing from elsewhere".into(),
        ));
    }
    if name.is_empty() || name.contains(':') || name.split('/').any(|part| part == "..") {
        return Err(problem(
            format!("`{value}` is not a file of the site"),
            "write the icon's path under static/ (\"icon.svg\" for static/icon.svg)".into(),
        ));
    }
    let Some(file) = static_files.iter().find(|f| f.name == name) else {
        let help = match name.strip_prefix("static/") {
            Some(inner) if static_files.iter().any(|f| f.name == inner) => {
                format!("the path is under static/: write \"{inner}\"")
            }
            _ => format!("put the icon at static/{name} (static/ is published at the site root)"),
        };
        return Err(problem(format!("no icon `static/{name}`"), help));
    };
    let icon = SiteIcon::named(name).ok_or_else(|| {
        problem(
            format!("`static/{name}` is not an SVG, PNG or ICO file"),
            "browsers show SVG, PNG and ICO icons; name the file .svg, .png or .ico".into(),
        )
    })?;
    let bytes: &[u8] = &file.bytes;
    let looks_right = match icon.media_type {
        "image/png" => bytes.starts_with(b"\x89PNG"),
        "image/x-icon" => bytes.starts_with(&[0, 0, 1, 0]),
        _ => String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).contains("<svg"),
    };
    if !looks_right {
        return Err(problem(
            format!("`static/{name}` is not the image its name says"),
            "save the icon again as SVG, PNG or ICO, with the matching extension".into(),
        ));
    }
    Ok(icon)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(name: &str, bytes: &[u8]) -> SiteFile {
        SiteFile {
            name: name.into(),
            path: PathBuf::from("static").join(name),
            bytes: bytes.into(),
        }
    }

    /// The header of a PNG `width` × `height` (all `imagesize` reads).
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    #[test]
    fn a_static_file_gets_its_url_and_size() {
        let files = [file("img/share card.png", &png_header(1200, 630))];
        let image = resolve("/img/share card.png", &files, "https://example.org/sub/").unwrap();
        assert_eq!(image.url, "https://example.org/sub/img/share%20card.png");
        assert_eq!(
            image.size,
            Some(ImageSize {
                width: 1200,
                height: 630
            })
        );
    }

    #[test]
    fn a_url_is_taken_as_it_is_and_bad_values_are_refused() {
        let files = [file("notes.txt", b"plain text, not an image")];
        let remote = resolve("https://cdn.example.org/x.jpg", &files, "https://e.org/").unwrap();
        assert_eq!(remote.size, None);
        let missing = resolve("img/none.png", &files, "https://e.org/").unwrap_err();
        assert_eq!(missing.message, "no image `static/img/none.png`");
        let not_image = resolve("notes.txt", &files, "https://e.org/").unwrap_err();
        assert!(not_image.message.contains("is not a PNG"));
        assert!(resolve("../x.png", &files, "https://e.org/").is_err());
        assert!(resolve("javascript:x", &files, "https://e.org/").is_err());
    }
}
