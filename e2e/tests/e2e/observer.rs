//! An observer of the whole chain, trying to link a patient's pseudonyms.
//!
//! It reads what anyone with a node reads: every block's extrinsics and events from genesis to
//! the finalized head (`chain_getBlock`, `System.Events` at each block) and every storage item
//! at the head (`state_getKeysPaged`, `state_queryStorageAt`). It decodes nothing, so that no
//! field escapes it for being of a type it did not expect: each block and each storage entry
//! is a *record* of raw bytes (a storage entry's: its key after the map's name, and its
//! value), and a *value* is any 32 bytes of a record with at least
//! [`MIN_DISTINCT`] distinct byte values — an account, a hash, a salt, a commitment, a
//! signature's half (random 32 bytes have 30 distinct bytes on average; numbers, flags and
//! text far fewer).
//!
//! Two values are linked when one record holds both, and links chain: two accounts are
//! joined if a path of shared values leads from one to the other. That covers every way
//! the issue names: a common signer (a block's extrinsic holds its signer beside its
//! arguments), a common fee payer or funder (the fee and transfer events name the payer beside
//! the signer), a common deposit holder (a stored record names its depositor beside its
//! patient), a common representative (the representative is stored under the patient) and any
//! value that recurs (a document hash, a commitment, a key). A whole block is one record, so
//! two transactions in the same block are taken as linked too: the observer errs towards
//! linking.
//!
//! What is public is left out of the links: the accounts that act for a registered
//! organisation (admins and agents, read from the registry) and the organisations' sponsor
//! accounts. Every patient of a hospital shares these with every other, so they join nobody.
//!
//! Deliberately not tried: timing (which transactions follow each other, at what hour; a
//! patient's pseudonyms acting in the same minute), network metadata (the IP a transaction
//! came from), and the custodians' own records (a hospital knows the pseudonym it gave a
//! record to; two hospitals comparing their patient lists off chain can link by name).

use healthchain_e2e::Node;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// A value has at least this many distinct byte values among its 32.
pub const MIN_DISTINCT: usize = 20;

/// `System.Events`: the block's events (the storage at the head holds only the last block's,
/// which is read with that block).
const SYSTEM_EVENTS: &str = "0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7";
/// `:code`, the runtime: a megabyte of wasm that holds no account.
const CODE: &str = "0x3a636f6465";

/// One thing the observer read: a block (its extrinsics and events) or a storage entry
/// (its key and value).
pub struct Record {
	/// `block #n` or `storage 0x…`.
	pub label: String,
	/// Its bytes.
	pub bytes: Vec<u8>,
}

/// Everything the chain shows, as records.
pub struct Observation {
	/// Every block and every storage entry.
	pub records: Vec<Record>,
}

fn hex_bytes(value: &Value) -> Vec<u8> {
	let text = value.as_str().unwrap_or_default();
	hex::decode(text.trim_start_matches("0x")).unwrap_or_default()
}

fn results(answers: Vec<Value>) -> Vec<Value> {
	answers.into_iter().map(|answer| answer["result"].clone()).collect()
}

impl Observation {
	/// Read every block up to the finalized head, and every storage entry at it.
	pub fn read(node: &Node) -> anyhow::Result<Self> {
		let head = node.rpc("chain_getFinalizedHead", json!([]))?;
		let header = node.rpc("chain_getHeader", json!([head]))?;
		let number = u64::from_str_radix(
			header["number"].as_str().unwrap_or("0x0").trim_start_matches("0x"),
			16,
		)?;
		let mut records = Vec::new();
		let numbers: Vec<u64> = (1..=number).collect();
		for chunk in numbers.chunks(100) {
			let hashes = results(node.rpc_batch(
				&chunk.iter().map(|n| ("chain_getBlockHash", json!([n]))).collect::<Vec<_>>(),
			)?);
			let mut calls = Vec::new();
			for hash in &hashes {
				calls.push(("chain_getBlock", json!([hash])));
				calls.push(("state_getStorage", json!([SYSTEM_EVENTS, hash])));
			}
			let answers = results(node.rpc_batch(&calls)?);
			for (n, pair) in chunk.iter().zip(answers.chunks(2)) {
				let mut bytes = Vec::new();
				for extrinsic in pair[0]["block"]["extrinsics"].as_array().into_iter().flatten() {
					bytes.extend(hex_bytes(extrinsic));
				}
				bytes.extend(hex_bytes(&pair[1]));
				records.push(Record { label: format!("block #{n}"), bytes });
			}
		}
		let mut start: Option<String> = None;
		loop {
			let keys = node.rpc("state_getKeysPaged", json!(["0x", 1000, start, head]))?;
			let keys: Vec<String> = keys
				.as_array()
				.into_iter()
				.flatten()
				.filter_map(|k| k.as_str().map(str::to_string))
				.collect();
			let Some(last) = keys.last().cloned() else { break };
			let wanted: Vec<&String> =
				keys.iter().filter(|k| k.as_str() != SYSTEM_EVENTS && k.as_str() != CODE).collect();
			let answer = node.rpc("state_queryStorageAt", json!([wanted, head]))?;
			for change in answer[0]["changes"].as_array().into_iter().flatten() {
				// A map's key starts with the hashes of its pallet's and its item's names: the
				// same 32 bytes in every entry, which say which map and join nothing.
				let key = hex_bytes(&change[0]);
				let mut bytes =
					if key.starts_with(b":") { key } else { key[32.min(key.len())..].to_vec() };
				bytes.extend(hex_bytes(&change[1]));
				records.push(Record {
					label: format!("storage {}", change[0].as_str().unwrap_or_default()),
					bytes,
				});
			}
			if keys.len() < 1000 {
				break;
			}
			start = Some(last);
		}
		Ok(Self { records })
	}

	/// The records that hold `value` anywhere, by label.
	pub fn holding(&self, value: &[u8; 32]) -> Vec<&str> {
		self.records
			.iter()
			.filter(|r| r.bytes.windows(32).any(|w| w == value))
			.map(|r| r.label.as_str())
			.collect()
	}

	/// The values of `record` ([`MIN_DISTINCT`]), with every public value blanked out first
	/// (so that no window that overlaps one, such as a sponsor account's `modlhc/spons` beside
	/// a fee, counts as a value either).
	fn values(record: &Record, public: &HashSet<[u8; 32]>) -> Vec<[u8; 32]> {
		let mut bytes = record.bytes.clone();
		let starts: Vec<usize> = record
			.bytes
			.windows(32)
			.enumerate()
			.filter(|(_, window)| public.contains(*window))
			.map(|(at, _)| at)
			.collect();
		for at in starts {
			bytes[at..at + 32].fill(0);
		}
		bytes
			.windows(32)
			.filter_map(|window| {
				let mut present = [false; 256];
				let mut distinct = 0;
				for &byte in window {
					if !present[byte as usize] {
						present[byte as usize] = true;
						distinct += 1;
					}
				}
				let value: [u8; 32] = window.try_into().expect("32 bytes");
				(distinct >= MIN_DISTINCT).then_some(value)
			})
			.collect()
	}

	/// How the observer joins `a` and `b`: the records along the shortest path of shared
	/// values from a record holding `a` to one holding `b`, each with the value that leads
	/// to the next (empty if they are not joined).
	pub fn path(&self, public: &HashSet<[u8; 32]>, a: &[u8; 32], b: &[u8; 32]) -> Vec<String> {
		let values: Vec<HashSet<[u8; 32]>> =
			self.records.iter().map(|r| Self::values(r, public).into_iter().collect()).collect();
		let mut holders: HashMap<[u8; 32], Vec<usize>> = HashMap::new();
		for (index, set) in values.iter().enumerate() {
			for value in set {
				holders.entry(*value).or_default().push(index);
			}
		}
		let mut previous: HashMap<usize, Option<(usize, [u8; 32])>> = HashMap::new();
		let mut queue = std::collections::VecDeque::new();
		for &start in holders.get(a).into_iter().flatten() {
			previous.insert(start, None);
			queue.push_back(start);
		}
		while let Some(at) = queue.pop_front() {
			if values[at].contains(b) {
				let mut steps = vec![self.records[at].label.clone()];
				let mut cursor = at;
				while let Some(Some((from, value))) = previous.get(&cursor) {
					steps.push(format!("  via 0x{}", hex::encode(value)));
					steps.push(self.records[*from].label.clone());
					cursor = *from;
				}
				steps.reverse();
				return steps;
			}
			for value in &values[at] {
				for &next in holders.get(value).into_iter().flatten() {
					if let std::collections::hash_map::Entry::Vacant(entry) = previous.entry(next) {
						entry.insert(Some((at, *value)));
						queue.push_back(next);
					}
				}
			}
		}
		Vec::new()
	}

	/// Join every value with every other value of the same record, public values excepted.
	pub fn links(&self, public: &HashSet<[u8; 32]>) -> Links {
		let mut links = Links::default();
		for record in &self.records {
			let mut first: Option<usize> = None;
			for value in Self::values(record, public) {
				let id = links.id(value);
				match first {
					Some(first) => links.union(first, id),
					None => first = Some(id),
				}
			}
		}
		links
	}
}

/// Which values the records join (union-find over every value seen).
#[derive(Default)]
pub struct Links {
	ids: HashMap<[u8; 32], usize>,
	parent: Vec<usize>,
}

impl Links {
	fn id(&mut self, value: [u8; 32]) -> usize {
		let next = self.parent.len();
		let id = *self.ids.entry(value).or_insert(next);
		if id == next {
			self.parent.push(next);
		}
		id
	}

	fn root(&self, mut id: usize) -> usize {
		while self.parent[id] != id {
			id = self.parent[id];
		}
		id
	}

	/// [`Self::root`], halving the path on the way.
	fn root_halving(&mut self, mut id: usize) -> usize {
		while self.parent[id] != id {
			self.parent[id] = self.parent[self.parent[id]];
			id = self.parent[id];
		}
		id
	}

	fn union(&mut self, a: usize, b: usize) {
		let (a, b) = (self.root_halving(a), self.root_halving(b));
		if a != b {
			self.parent[a.max(b)] = a.min(b);
		}
	}

	/// Whether `value` appears anywhere as a value.
	pub fn seen(&self, value: &[u8; 32]) -> bool {
		self.ids.contains_key(value)
	}

	/// Whether a path of shared values joins `a` and `b`.
	pub fn linked(&self, a: &[u8; 32], b: &[u8; 32]) -> bool {
		match (self.ids.get(a), self.ids.get(b)) {
			(Some(&a), Some(&b)) => self.root(a) == self.root(b),
			_ => false,
		}
	}
}
