//! `healthchain consent check-batch`: a custodian's questions as JSON lines on standard input,
//! answered as JSON lines on standard output, the questions available at once asked together
//! in one runtime call (`ConsentApi_check_access_batch`), at one block's state.

use super::*;
use anyhow::Result;
use healthchain_client::consent::batch::{AnswerLine, KnownOpenings, QuestionLine, MAX_BATCH};
use std::{
	io::{BufRead, Read, Write},
	sync::mpsc::{self, Receiver, SyncSender},
};

/// The longest line read as a question (bytes); a longer one is answered with an error.
const MAX_LINE: usize = 64 * 1024;

/// A line of the input, or why it is not one (too long, not UTF-8, unreadable).
type Line = std::result::Result<String, String>;

impl App {
	/// Answer the questions on standard input, a line each, in order; at most `batch` in one
	/// call. A line that is not a question is answered with why, and the rest go on.
	pub(super) async fn check_batch(&self, batch: usize, openings: &[PathBuf]) -> Result<()> {
		if !(1..=MAX_BATCH).contains(&batch) {
			return Err(invalid(format!("--batch {batch}: from 1 to {MAX_BATCH}")));
		}
		let mut held = Vec::new();
		for path in openings {
			held.extend(healthchain_client::consent::openings::Openings::read(path)?);
		}
		let known = KnownOpenings::new(held)?;
		let chain = self.chain().await?;
		// Standard input is read by a thread of its own, so that the questions already written
		// can be told from those still to come: a record store that writes one question and
		// waits for its answer is answered at once, one that writes many is answered in batches.
		let (sender, lines) = mpsc::sync_channel(MAX_BATCH);
		std::thread::spawn(move || read_lines(sender));
		let mut number = 0;
		while let Some(texts) = next_lines(&lines, batch) {
			let mut answers = Vec::with_capacity(texts.len());
			let mut asked = Vec::new();
			let mut questions = Vec::new();
			for text in texts {
				number += 1;
				let text = match text {
					Ok(text) if text.trim().is_empty() => Err("an empty line".into()),
					other => other,
				};
				let text = match text {
					Ok(text) => text,
					Err(why) => {
						answers.push(AnswerLine::refused(number, None, why));
						continue;
					},
				};
				match serde_json::from_str::<QuestionLine>(&text) {
					Err(error) => answers.push(AnswerLine::refused(
						number,
						None,
						format!("not a question: {error}"),
					)),
					Ok(line) => match line.question(&known) {
						Err(error) => answers.push(AnswerLine::refused(number, line.id, error)),
						Ok(question) => {
							asked.push((answers.len(), number, line.id.clone()));
							answers.push(AnswerLine::refused(number, line.id, "not asked"));
							questions.push(question);
						},
					},
				}
			}
			if !questions.is_empty() {
				let answered = chain.check_access_batch(&questions).await?;
				for ((slot, number, id), decision) in asked.into_iter().zip(answered.decisions) {
					answers[slot] = AnswerLine::decided(number, id, decision, answered.block);
				}
			}
			let mut out = std::io::stdout().lock();
			for answer in &answers {
				writeln!(out, "{}", serde_json::to_string(answer)?)?;
			}
			out.flush()?;
		}
		Ok(())
	}
}

/// Read standard input a line at a time into `lines`: each line without its end, or why it
/// is not one. A line longer than [`MAX_LINE`] is skipped to its end, never held whole.
fn read_lines(lines: SyncSender<Line>) {
	let stdin = std::io::stdin();
	let mut input = stdin.lock();
	let mut buffer = Vec::new();
	loop {
		buffer.clear();
		let line = match (&mut input).take(MAX_LINE as u64 + 1).read_until(b'\n', &mut buffer) {
			Ok(0) => break,
			Err(error) => Err(format!("standard input could not be read: {error}")),
			Ok(_) if buffer.last() != Some(&b'\n') && buffer.len() > MAX_LINE => {
				let _ = input.skip_until(b'\n');
				Err(format!("a line longer than {MAX_LINE} bytes"))
			},
			Ok(_) => {
				let end = buffer.strip_suffix(b"\n").unwrap_or(&buffer);
				let end = end.strip_suffix(b"\r").unwrap_or(end);
				String::from_utf8(end.to_vec()).map_err(|_| "not UTF-8".to_string())
			},
		};
		let unreadable = line.as_ref().is_err_and(|why| why.starts_with("standard input"));
		if lines.send(line).is_err() || unreadable {
			break;
		}
	}
}

/// The next lines to answer: the first to come (waiting for it), then those already read, up
/// to `batch`. `None` at the end of the input.
fn next_lines(lines: &Receiver<Line>, batch: usize) -> Option<Vec<Line>> {
	let first = tokio::task::block_in_place(|| lines.recv()).ok()?;
	let mut texts = vec![first];
	while texts.len() < batch {
		match lines.try_recv() {
			Ok(line) => texts.push(line),
			Err(_) => break,
		}
	}
	Some(texts)
}
