//! `healthchain consent check-batch`: a custodian's questions as JSON lines on standard input,
//! answered as JSON lines on standard output, the questions available at once asked together
//! in one runtime call (`ConsentApi_check_access_batch`), at one block's state.

use super::*;
use anyhow::Result;
use healthchain_client::consent::batch::{AnswerLine, QuestionLine, MAX_BATCH};
use std::{
	io::Write,
	sync::mpsc::{self, Receiver},
};

impl App {
	/// Answer the questions on standard input, a line each, in order; at most `batch` in one
	/// call. A line that is not a question is answered with why, and the rest go on.
	pub(super) async fn check_batch(&self, batch: usize, openings: &[PathBuf]) -> Result<()> {
		if !(1..=MAX_BATCH).contains(&batch) {
			return Err(invalid(format!("--batch {batch}: from 1 to {MAX_BATCH}")));
		}
		let mut known = Vec::new();
		for path in openings {
			known.extend(healthchain_client::consent::openings::Openings::read(path)?);
		}
		let chain = self.chain().await?;
		// Standard input is read by a thread of its own, so that the questions already written
		// can be told from those still to come: a record store that writes one question and
		// waits for its answer is answered at once, one that writes many is answered in batches.
		let (sender, lines) = mpsc::sync_channel(MAX_BATCH);
		std::thread::spawn(move || {
			for line in std::io::stdin().lines() {
				if sender.send(line).is_err() {
					break;
				}
			}
		});
		let mut number = 0;
		while let Some(texts) = next_lines(&lines, batch)? {
			let mut answers = Vec::with_capacity(texts.len());
			let mut asked = Vec::new();
			let mut questions = Vec::new();
			for text in texts {
				number += 1;
				if text.trim().is_empty() {
					continue;
				}
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

/// The next lines to answer: the first to come (waiting for it), then those already written,
/// up to `batch`. `None` at the end of the input.
fn next_lines(
	lines: &Receiver<std::io::Result<String>>,
	batch: usize,
) -> Result<Option<Vec<String>>> {
	let Ok(first) = tokio::task::block_in_place(|| lines.recv()) else { return Ok(None) };
	let mut texts = vec![first?];
	while texts.len() < batch {
		match lines.try_recv() {
			Ok(line) => texts.push(line?),
			Err(_) => break,
		}
	}
	Ok(Some(texts))
}
