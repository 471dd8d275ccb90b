//! `inkwell edit`: feeds.yaml in the user's editor, under the lock, checked before it is
//! installed (see [`editor`](super::editor) for the session).

use crate::cli::EditArgs;
use crate::error::{Error, Result};
use crate::feeds::FeedsDocument;
use crate::ops::ConfigManager;

use super::Output;
use super::editor::{self, Editor};

pub fn run(manager: &ConfigManager, out: &Output, args: EditArgs) -> Result<()> {
    let mut editor = Editor::choose(args.editor)?;
    let paths = manager.paths();
    editor.offer_kept(&paths.feeds(), paths.dir())?;
    let mut copy = None;
    let result = manager.edit(|feeds, original| {
        let check = |edited: &[u8]| match FeedsDocument::from_bytes(edited.to_vec()) {
            Ok(doc) => match crate::feed::problems(&doc.text()).as_slice() {
                [] => Ok(()),
                problems @ [first, ..] => Err(Error::Malformed {
                    path: feeds.to_path_buf(),
                    location: Some(crate::error::Location {
                        line: first.line,
                        column: first.column,
                    }),
                    message: crate::feed::describe_problems(problems),
                }),
            },
            Err(e) => Err(Error::Malformed {
                path: feeds.to_path_buf(),
                location: e.location,
                message: e.message,
            }),
        };
        editor.session(feeds, original, check, &mut copy)
    });
    let installed = match result {
        Ok(installed) => installed,
        Err(e) => return Err(editor::keep_copy(e, copy, &paths.feeds(), paths.dir())),
    };
    editor.forget_kept();
    let feeds = manager.load()?.len();
    if out.json {
        return out.json(&serde_json::json!({
            "command": "edit",
            "changed": installed,
            "feeds": feeds,
        }));
    }
    if installed {
        out.done(&format!(
            "Installed the edited feeds.yaml ({feeds} feed{})\n",
            if feeds == 1 { "" } else { "s" }
        ))
    } else {
        out.done("No changes; feeds.yaml is unchanged.\n")
    }
}
