//! A clinical trial's data log as the sponsor keeps it: the records' hashes (computed on every
//! core, streaming), the local log state file; the portable proof of one record and its
//! offline verification (`proof`); appending records and anchoring their checkpoint
//! (`append`); and the verification of a proof against a chain (`verify`). The tree and its
//! proofs are `healthchain_primitives::merkle_log`'s, the code the runtime verifies checkpoints
//! with.
//!
//! # The log state file
//! A text file the sponsor keeps (and backs up): a header line
//! `healthchain-trial-log 1 <trial id>`, then one line per record in log order,
//! `<content SHA-256 hex> <salt hex> <path>`. Leaf hashes are recomputed from it; nothing else
//! is stored, so the file can be checked with `sha256sum` and a text editor. The salts are the
//! only secret in it: a record's salt is disclosed in its own proof only.

use crate::hash::Hash32;
use anyhow::{bail, Context, Result};
use healthchain_primitives::merkle_log::{self, Hash, Tree};
use std::{
	fs,
	io::{IsTerminal, Read, Write},
	path::{Path, PathBuf},
	sync::atomic::{AtomicU64, AtomicUsize, Ordering},
};

/// The first word of a log state file.
const STATE_MAGIC: &str = "healthchain-trial-log";
/// The format version of log state files this client writes and reads.
const STATE_VERSION: &str = "1";

mod append;
mod proof;
mod verify;
pub use append::Appended;
pub use proof::{OfflineFailure, ProofCheckpoint, ProofRecord, RecordProof, PROOF_FORMAT};
pub use verify::{ChainFailure, RecordFailure, RecordVerdict};

/// One data record: its content's SHA-256, its salt and its path in the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
	/// The SHA-256 of the file's content.
	pub content: Hash,
	/// A random salt of the record's own, so that the leaf hashes other records' proofs carry
	/// do not confirm a guess of its content.
	pub salt: [u8; 32],
	/// Its path: relative, `/` between folders, starting with the logged folder's name.
	pub path: String,
}

impl Record {
	/// The record's leaf hash in the log.
	pub fn leaf(&self) -> Hash {
		merkle_log::record_leaf_hash(&self.content, &self.salt, &self.path)
	}
}

/// A name that may go into the log: no control character (the state file is one record per
/// line, and a path is shown to people).
fn check_name(name: &str, dir: &Path) -> Result<()> {
	if name.chars().any(char::is_control) {
		return Err(crate::invalid(format!(
			"{name:?} in {} has a control character in its name: rename it before logging it",
			dir.display()
		)));
	}
	Ok(())
}

/// A file to hash: where it is, and the path it gets in the log.
#[derive(Clone, Debug)]
struct Input {
	file: PathBuf,
	path: String,
	size: u64,
}

/// The files `targets` name, in log order: a folder's files sorted by path, each with the path
/// `<folder name>/<path inside it>`; a file on its own as its file name.
fn inputs(targets: &[PathBuf]) -> Result<Vec<Input>> {
	fn walk(dir: &Path, prefix: &str, out: &mut Vec<Input>) -> Result<()> {
		let mut entries = fs::read_dir(dir)
			.with_context(|| format!("reading folder {}", dir.display()))?
			.collect::<std::io::Result<Vec<_>>>()?;
		entries.sort_by_key(|entry| entry.file_name());
		for entry in entries {
			let name = entry.file_name().into_string().map_err(|name| {
				crate::invalid(format!("{name:?} in {} is not UTF-8", dir.display()))
			})?;
			check_name(&name, dir)?;
			let path = format!("{prefix}/{name}");
			let kind = entry.file_type()?;
			if kind.is_dir() {
				walk(&entry.path(), &path, out)?;
			} else if kind.is_file() {
				out.push(Input { file: entry.path(), path, size: entry.metadata()?.len() });
			}
		}
		Ok(())
	}
	let mut out = Vec::new();
	for target in targets {
		// The name given (a symbolic link keeps its own name); `.` and `..` are resolved.
		let named = match target.file_name() {
			Some(_) => target.clone(),
			None => {
				target.canonicalize().with_context(|| format!("{} not found", target.display()))?
			},
		};
		let name = named
			.file_name()
			.and_then(|name| name.to_str())
			.map(str::to_string)
			.ok_or_else(|| crate::invalid(format!("{} has no UTF-8 name", target.display())))?;
		check_name(&name, target)?;
		let meta =
			fs::metadata(target).with_context(|| format!("{} not found", target.display()))?;
		if meta.is_dir() {
			walk(target, &name, &mut out)?;
		} else {
			out.push(Input { file: target.clone(), path: name, size: meta.len() });
		}
	}
	Ok(out)
}

/// The SHA-256 of a file, read in 1 MiB blocks; `progress` counts the bytes read.
pub fn sha256_file(file: &Path, progress: &AtomicU64) -> Result<Hash> {
	use sha2::Digest;
	let mut reader = fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
	let mut hasher = sha2::Sha256::new();
	let mut buffer = vec![0u8; 1 << 20];
	loop {
		let read = reader.read(&mut buffer)?;
		if read == 0 {
			break;
		}
		hasher.update(&buffer[..read]);
		progress.fetch_add(read as u64, Ordering::Relaxed);
	}
	Ok(hasher.finalize().into())
}

/// Hash every file `targets` name (folders recursively) on every core, in log order. On a
/// terminal, a progress line on standard error shows files and bytes done.
pub fn hash_records(targets: &[PathBuf]) -> Result<Vec<Record>> {
	let inputs = inputs(targets)?;
	let total_bytes: u64 = inputs.iter().map(|input| input.size).sum();
	let workers =
		std::thread::available_parallelism().map_or(2, |n| n.get()).min(inputs.len().max(1));
	let next = AtomicUsize::new(0);
	let done = AtomicUsize::new(0);
	let bytes = AtomicU64::new(0);
	let finished = std::sync::atomic::AtomicBool::new(false);
	let results: Vec<std::sync::Mutex<Option<Result<Hash>>>> =
		inputs.iter().map(|_| std::sync::Mutex::new(None)).collect();
	std::thread::scope(|scope| {
		let hashers: Vec<_> = (0..workers)
			.map(|_| {
				scope.spawn(|| loop {
					let index = next.fetch_add(1, Ordering::Relaxed);
					let Some(input) = inputs.get(index) else { break };
					let hash = sha256_file(&input.file, &bytes);
					if let Ok(mut slot) = results[index].lock() {
						*slot = Some(hash);
					}
					done.fetch_add(1, Ordering::Relaxed);
				})
			})
			.collect();
		if std::io::stderr().is_terminal() {
			scope.spawn(|| {
				let report = || {
					let mut err = std::io::stderr();
					let _ = write!(
						err,
						"\rhashing: {}/{} files, {}/{} MiB",
						done.load(Ordering::Relaxed),
						inputs.len(),
						bytes.load(Ordering::Relaxed) >> 20,
						total_bytes >> 20
					);
					let _ = err.flush();
				};
				while !finished.load(Ordering::Relaxed) {
					report();
					std::thread::sleep(std::time::Duration::from_millis(200));
				}
				report();
				let _ = writeln!(std::io::stderr());
			});
		}
		for hasher in hashers {
			let _ = hasher.join();
		}
		finished.store(true, Ordering::Relaxed);
	});
	inputs
		.into_iter()
		.zip(results)
		.map(|(input, slot)| {
			let hash = slot.into_inner().ok().flatten().unwrap_or_else(|| {
				Err(anyhow::anyhow!("{} was not hashed", input.file.display()))
			})?;
			Ok(Record { content: hash, salt: crate::documents::random_salt()?, path: input.path })
		})
		.collect()
}

/// A trial's data log as the sponsor keeps it locally.
#[derive(Clone, Debug)]
pub struct LogState {
	/// The trial's registry id.
	pub trial: String,
	/// The records, in log order.
	pub records: Vec<Record>,
	/// The tree over their leaves.
	pub tree: Tree,
}

impl LogState {
	/// An empty log for `trial`.
	pub fn new(trial: &str) -> Self {
		Self { trial: trial.to_string(), records: Vec::new(), tree: Tree::new() }
	}

	/// Append records.
	pub fn extend(&mut self, records: impl IntoIterator<Item = Record>) {
		for record in records {
			self.tree.push(record.leaf());
			self.records.push(record);
		}
	}

	/// Read a log state file; a missing file is an empty log of `trial`.
	pub fn load(file: &Path, trial: &str) -> Result<Self> {
		Ok(Self::load_with_bytes(file, trial)?.0)
	}

	/// [`LogState::load`], with the file's bytes as read (`None` if it is missing): what to put
	/// back if what follows fails.
	pub fn load_with_bytes(file: &Path, trial: &str) -> Result<(Self, Option<Vec<u8>>)> {
		let bytes = match fs::read(file) {
			Ok(bytes) => bytes,
			Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
				return Ok((Self::new(trial), None))
			},
			Err(error) => return Err(error).context(format!("reading {}", file.display())),
		};
		let text = std::str::from_utf8(&bytes).map_err(|_| {
			crate::invalid(format!("{} is not a trial log state file", file.display()))
		})?;
		Ok((Self::parse(text, file, trial)?, Some(bytes)))
	}

	/// A log state file's text, read from `file`.
	fn parse(text: &str, file: &Path, trial: &str) -> Result<Self> {
		let mut lines = text.lines();
		let header: Vec<&str> = lines.next().unwrap_or_default().split(' ').collect();
		match header.as_slice() {
			[STATE_MAGIC, STATE_VERSION, id] if *id == trial => {},
			[STATE_MAGIC, STATE_VERSION, id] => {
				bail!(crate::invalid(format!(
					"{} is the log of trial {id}, not {trial}",
					file.display()
				)))
			},
			_ => bail!(crate::invalid(format!("{} is not a trial log state file", file.display()))),
		}
		let mut state = Self::new(trial);
		for (number, line) in lines.enumerate() {
			let bad = || {
				crate::invalid(format!(
					"{} line {}: not `<hash> <salt> <path>`",
					file.display(),
					number + 2
				))
			};
			let mut fields = line.splitn(3, ' ');
			let (Some(hash), Some(salt), Some(path)) =
				(fields.next(), fields.next(), fields.next())
			else {
				return Err(bad());
			};
			let content: Hash32 = hash.parse().map_err(|_| bad())?;
			let salt: Hash32 = salt.parse().map_err(|_| bad())?;
			if path.starts_with('/') || path.split('/').any(|part| part == ".." || part.is_empty())
			{
				return Err(bad());
			}
			state.extend([Record { content: content.0, salt: salt.0, path: path.to_string() }]);
		}
		Ok(state)
	}

	/// Write the log state file (to a temporary file first, then renamed over it).
	pub fn save(&self, file: &Path) -> Result<()> {
		let mut text = format!("{STATE_MAGIC} {STATE_VERSION} {}\n", self.trial);
		for record in &self.records {
			text.push_str(&hex::encode(record.content));
			text.push(' ');
			text.push_str(&hex::encode(record.salt));
			text.push(' ');
			text.push_str(&record.path);
			text.push('\n');
		}
		write_atomically(file, text.as_bytes())
	}

	/// Whether the log already holds a record with this path.
	pub fn has_path(&self, path: &str) -> bool {
		self.records.iter().any(|record| record.path == path)
	}

	/// How many records the log holds.
	pub fn len(&self) -> u64 {
		self.tree.len()
	}

	/// Whether the log holds no record.
	pub fn is_empty(&self) -> bool {
		self.tree.is_empty()
	}
}

/// Write `bytes` to `file` through a temporary file beside it, synced, then renamed over it: a
/// crash leaves the old file or the new one, never half of one.
pub fn write_atomically(file: &Path, bytes: &[u8]) -> Result<()> {
	let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("state");
	let temporary = file.with_file_name(format!(".{name}.tmp"));
	let mut out =
		fs::File::create(&temporary).with_context(|| format!("writing {}", temporary.display()))?;
	out.write_all(bytes)?;
	out.sync_all()?;
	fs::rename(&temporary, file).with_context(|| format!("writing {}", file.display()))?;
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	fn write(dir: &Path, name: &str, content: &[u8]) {
		let file = dir.join(name);
		fs::create_dir_all(file.parent().expect("in a folder")).expect("folder");
		fs::write(file, content).expect("written");
	}

	#[test]
	fn hashes_folders_in_path_order_as_sha256sum_would() {
		let dir = tempfile::tempdir().expect("temporary folder");
		let batch = dir.path().join("batch1");
		write(&batch, "b.csv", b"second");
		write(&batch, "a.csv", b"first");
		write(&batch, "visit/2/lab.json", &vec![7u8; 3 << 20]);
		let records = hash_records(&[batch]).expect("hashed");
		assert_eq!(
			records.iter().map(|r| r.path.as_str()).collect::<Vec<_>>(),
			vec!["batch1/a.csv", "batch1/b.csv", "batch1/visit/2/lab.json"]
		);
		assert_eq!(Hash32(records[0].content), Hash32::sha256(b"first"));
		assert_eq!(Hash32(records[2].content), Hash32::sha256(&vec![7u8; 3 << 20]));
		assert_ne!(records[0].salt, records[1].salt, "every record has its own salt");
	}

	#[test]
	fn a_name_with_a_control_character_is_refused() {
		let dir = tempfile::tempdir().expect("temporary folder");
		let batch = dir.path().join("batch");
		write(&batch, "ok.csv", b"fine");
		write(&batch, "two\nlines.csv", b"breaks a line-per-record file");
		let error = hash_records(&[batch]).expect_err("refused");
		assert!(error.to_string().contains("control character"), "{error}");
	}

	#[test]
	fn the_state_file_round_trips_and_belongs_to_one_trial() {
		let dir = tempfile::tempdir().expect("temporary folder");
		let file = dir.path().join("log");
		let mut state = LogState::load(&file, "NCT04368728").expect("missing is empty");
		assert!(state.is_empty());
		state.extend((0..5u8).map(|i| Record {
			content: [i; 32],
			salt: [i + 1; 32],
			path: format!("b/{i} x.csv"),
		}));
		state.save(&file).expect("saved");
		let loaded = LogState::load(&file, "NCT04368728").expect("loaded");
		assert_eq!(loaded.records, state.records);
		assert_eq!(loaded.tree.root(), state.tree.root());
		assert!(LogState::load(&file, "NCT00000001").is_err());
	}
}
