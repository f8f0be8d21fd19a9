//! The fuzzer's entry point (`fuzz/`): one article, as raw bytes, through load → link →
//! render inside a small fixed site.

use std::path::PathBuf;
use std::sync::Arc;

use crate::config::SiteConfig;
use crate::load::{self, ArticleSource, SourceFile, Sources, SpeakerSource, TopicSource};
use crate::pipeline::Site;

/// The diagnostics of one article given as raw bytes: whatever the bytes, this must return
/// diagnostics, never panic.
pub fn check_article_bytes(bytes: &[u8]) -> String {
    const SITE: &str = "title = \"Fuzz\"\nbase_url = \"https://example.test/\"\n";
    const SPEAKER: &str = "+++\nname = \"Fuzz Speaker\"\n+++\nBio.\n";
    const TOPIC: &str = "+++\ntitle = \"Fuzz topic\"\n+++\nBackground.\n";
    let site_text: Arc<str> = Arc::from(SITE);
    let Ok(config) = toml::from_str::<SiteConfig>(SITE) else {
        return String::new();
    };
    let (speaker_file, speaker) =
        load::parse_content::<load::SpeakerFront>("speakers/fuzz-speaker.md", SPEAKER.into())
            .expect("fixed speaker parses");
    let (topic_file, topic) =
        load::parse_content::<load::TopicFront>("topics/fuzz-topic.md", TOPIC.into())
            .expect("fixed topic parses");
    let article =
        match load::parse_content::<load::ArticleFront>("articles/fuzz.md", bytes.to_vec()) {
            Ok((file, front)) => ArticleSource { file, front },
            Err(diagnostic) => return diagnostic.render(false),
        };
    let sources = Sources {
        root: PathBuf::from("."),
        config,
        config_file: SourceFile {
            path: "site.toml".into(),
            content_path: "site.toml".into(),
            text: site_text,
            front_offset: 0,
            body_offset: SITE.len(),
        },
        articles: vec![article],
        speakers: vec![SpeakerSource {
            file: speaker_file,
            front: speaker,
        }],
        topics: vec![TopicSource {
            file: topic_file,
            front: topic,
        }],
        i18n: None,
        languages: Vec::new(),
        translated: None,
        templates: Vec::new(),
        static_files: Vec::new(),
        failed: Vec::new(),
    };
    let site = match Site::link(&sources, true, Default::default()) {
        Ok(site) => site,
        Err(diagnostics) => return diagnostics.render(false),
    };
    match site.render_all() {
        Ok(_) => site.warnings.render(false),
        Err(diagnostics) => diagnostics.render(false),
    }
}
