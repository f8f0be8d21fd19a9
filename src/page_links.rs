//! The ids and links of a rendered page, read with lol_html: `check`'s link checker and the
//! pipeline's check of `@/` anchors on their target pages.

use std::collections::HashSet;

use lol_html::{HtmlRewriter, Settings, element};

/// The links and ids of one page.
#[derive(Debug, Default)]
pub struct PageLinks {
    pub ids: HashSet<String>,
    pub links: Vec<String>,
}

pub fn scan(html: &[u8]) -> PageLinks {
    let ids = std::cell::RefCell::new(HashSet::new());
    let links = std::cell::RefCell::new(Vec::new());
    {
        let mut rewriter = HtmlRewriter::new(
            Settings::new()
                .append_element_content_handler(element!("[id]", |el| {
                    if let Some(id) = el.get_attribute("id") {
                        ids.borrow_mut().insert(id);
                    }
                    Ok(())
                }))
                .append_element_content_handler(element!("a[href], link[href], area[href]", |el| {
                    if let Some(href) = el.get_attribute("href") {
                        links.borrow_mut().push(href);
                    }
                    Ok(())
                }))
                .append_element_content_handler(element!(
                    "img[src], script[src], source[src], iframe[src]",
                    |el| {
                        if let Some(src) = el.get_attribute("src") {
                            links.borrow_mut().push(src);
                        }
                        Ok(())
                    }
                )),
            |_: &[u8]| {},
        );
        // Our own output is UTF-8 HTML; a parse problem just yields fewer links.
        let _ = rewriter.write(html);
        let _ = rewriter.end();
    }
    PageLinks {
        ids: ids.into_inner(),
        links: links.into_inner(),
    }
}
