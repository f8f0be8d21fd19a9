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
