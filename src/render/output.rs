//! What rendering produces: output files, and the sink they are handed to as they are made.

use std::sync::Arc;

use crate::diagnostics::Diagnostic;

/// A file of the output: its path relative to the output folder (`/`-separated) and bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Arc<[u8]>,
}

impl OutputFile {
    pub fn new(path: String, bytes: impl Into<Arc<[u8]>>) -> OutputFile {
        OutputFile {
            path,
            bytes: bytes.into(),
        }
    }
}

/// Where rendering puts each file (path relative to the output folder, bytes); called from
/// many threads at once.
pub type Sink<'a> = dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync + 'a;
