//! The commands of the `healthchain` client, one module per domain, and what they share: the
//! signer, the connection, submission and printing ([`App`]), and the arguments and parsers
//! more than one domain uses.

pub mod consent;
pub mod council;
pub mod insurance;
pub mod node;
pub mod patient;
pub mod registry;
pub mod sessions;
pub mod sponsorship;
pub mod tokens;
pub mod trials;
pub mod upgrade;
pub mod validator;

use crate::Cli;
use anyhow::{bail, Context, Result};
use clap::Args;
use healthchain_client::{
	chain::{Call, Chain, Outcome},
	documents::Bundle,
	hash::Hash32,
	keys,
	registry::{self as registry_client, Via},
	tokens::{Document, HashAlgorithm},
};
use serde_json::json;
use std::path::PathBuf;
use subxt::utils::AccountId32;
use subxt_signer::sr25519::Keypair;

#[derive(Args)]
pub(crate) struct DocumentArgs {
	/// The document: only a salted commitment to it is anchored; the file itself never leaves
	/// this machine, and its salt is written to a verification bundle beside it.
	#[arg(long, conflicts_with = "hash")]
	file: Option<PathBuf>,
	/// The document's hash as 0x-prefixed hex, if you computed it yourself (with --algorithm).
	#[arg(long)]
	hash: Option<String>,
	/// How the document is committed to: `salted-sha256` (the default: SHA-256 of a fresh
	/// random salt and the document, so a guessable document cannot be confirmed), or the
	/// unsalted `sha256` / `blake2-256`.
	#[arg(long, value_enum, default_value = "salted-sha256")]
	algorithm: HashAlgorithm,
	/// Where to write the verification bundle (salt and commitment) for a salted --file;
	/// default `<file>.healthchain.json`. Keep it with the document: verifying needs it.
	#[arg(long, requires = "file")]
	bundle: Option<PathBuf>,
	/// Where the encrypted copy is stored (URL, CID, …): only a commitment to it goes on chain
	/// (salted, in the bundle, with a salted --file).
	#[arg(long, conflicts_with = "locator_hash")]
	locator: Option<String>,
	/// The hash of the storage locator, as 0x-prefixed hex.
	#[arg(long)]
	locator_hash: Option<String>,
}

impl DocumentArgs {
	/// The document to anchor; with a salted `--file`, its bundle is written, naming `issuer`
	/// (who anchors it, so that a verifier asks the ledger for that issuer's token).
	fn document(
		&self,
		issuer: Option<healthchain_client::documents::BundleIssuer>,
	) -> Result<Document> {
		let salted = self.algorithm == HashAlgorithm::SaltedSha256;
		let (hash, locator) = match (&self.hash, &self.file) {
			(Some(hash), _) => {
				if salted && self.locator.is_some() {
					return Err(healthchain_client::invalid(
						"a salted locator is committed with --file; with --hash give --locator-hash",
					));
				}
				let locator = self.locator.as_deref().map(|l| Hash32::sha256(l.as_bytes()));
				(hash.parse()?, locator)
			},
			(None, Some(path)) if salted => {
				let data = read_file(path)?;
				let bundle_path = self.bundle.clone().unwrap_or_else(|| Bundle::default_path(path));
				// The same document and locator keep the commitment they already have.
				let existing = Bundle::read(&bundle_path).ok().filter(|bundle| {
					bundle.matches(&data) && bundle.matches_locator(self.locator.as_deref())
				});
				let mut bundle = match existing {
					Some(bundle) => bundle,
					None => Bundle::commit(&data, self.locator.as_deref())?,
				};
				bundle.issuer = issuer;
				bundle.write(&bundle_path)?;
				(bundle.hash, bundle.locator_hash)
			},
			(None, Some(path)) => {
				let data = read_file(path)?;
				let hash = self.algorithm.digest(&data).unwrap_or_else(|| Hash32::sha256(&data));
				(hash, self.locator.as_deref().map(|l| Hash32::sha256(l.as_bytes())))
			},
			(None, None) => bail!("give the document with --file or its hash with --hash"),
		};
		let locator = match &self.locator_hash {
			Some(hash) => Some(hash.parse()?),
			None => locator,
		};
		Ok(Document { hash, algorithm: self.algorithm, locator })
	}
}

pub(crate) fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
	std::fs::read(path)
		.map_err(|e| healthchain_client::invalid(format!("cannot read {}: {e}", path.display())))
}

#[derive(Args)]
pub(crate) struct ProfileArgs {
	/// The SHA-256 of the organisation's public profile document, as 0x-prefixed hex.
	#[arg(long, conflicts_with = "profile_file")]
	profile_hash: Option<String>,
	/// The organisation's public profile document; its SHA-256 is registered.
	#[arg(long)]
	profile_file: Option<PathBuf>,
}

impl ProfileArgs {
	fn hash(&self) -> Result<Hash32> {
		match (&self.profile_hash, &self.profile_file) {
			(Some(hash), _) => hash.parse(),
			(None, Some(path)) => Ok(Hash32::sha256(
				&std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?,
			)),
			(None, None) => bail!("give --profile-hash or --profile-file"),
		}
	}
}

#[derive(Args)]
pub(crate) struct ConsortiumArgs {
	/// How the consortium call is authorized: a council motion (the default), or the sudo key
	/// (development chains only).
	#[arg(long, value_enum, default_value = "council")]
	pub(crate) via: Via,
}

/// Parse a span `<n><s|m|h|d>` (e.g. `90s`, `4h`) into milliseconds.
pub(crate) fn parse_duration(text: &str) -> Result<u64> {
	let bad = |why: &str| healthchain_client::invalid(format!("bad duration {text:?}: {why}"));
	let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
	let (digits, unit) = text.split_at(split);
	let amount: u64 = digits.parse().map_err(|_| bad("give <n><s|m|h|d>, e.g. 4h"))?;
	let unit_ms: u64 = match unit {
		"s" => 1_000,
		"m" => 60_000,
		"h" => 3_600_000,
		"d" => 86_400_000,
		_ => return Err(bad("the unit is one of s, m, h, d")),
	};
	amount.checked_mul(unit_ms).ok_or_else(|| bad("too long"))
}

/// Parse a time: Unix milliseconds, or `+<n><s|m|h|d>` from now, or `-<n><s|m|h|d>` before now.
pub(crate) fn parse_time(text: &str) -> Result<u64> {
	let bad = || {
		healthchain_client::invalid(format!(
			"bad time {text:?}: give Unix milliseconds or +<n><s|m|h|d>, e.g. +365d"
		))
	};
	let now = healthchain_client::now_ms;
	if let Some(span) = text.strip_prefix('+') {
		let span = parse_duration(span).map_err(|_| bad())?;
		return now()?.checked_add(span).ok_or_else(bad);
	}
	if let Some(span) = text.strip_prefix('-') {
		let span = parse_duration(span).map_err(|_| bad())?;
		return now()?.checked_sub(span).ok_or_else(bad);
	}
	text.parse().map_err(|_| bad())
}

pub(crate) struct App {
	pub(crate) cli: Cli,
	/// The counter-party of the patient action being made, once a command has found it: with
	/// `--as-patient`, the signer is the wallet's pseudonym for it.
	pub(crate) counterparty: std::cell::Cell<Option<keys::Counterparty>>,
	/// The connection to the node, made once, at the first [`App::chain`].
	pub(crate) connection: std::sync::OnceLock<Chain>,
}

impl App {
	/// The signer's secret URI, as given (`--suri`, or the content of `--suri-file`): for a
	/// patient's wallet, the root its pseudonyms are derived from.
	pub(crate) fn root_suri(&self) -> Result<String> {
		match (&self.cli.suri, &self.cli.suri_file) {
			(Some(suri), _) => Ok(suri.clone()),
			(None, Some(path)) => std::fs::read_to_string(path)
				.with_context(|| format!("cannot read key file {}", path.display())),
			(None, None) => bail!("this command signs a transaction: give --suri or --suri-file"),
		}
	}

	/// The key that signs: the given one, or with `--as-patient` the wallet's pseudonym for
	/// the counter-party of this action ([`App::towards`]).
	pub(crate) fn signer(&self) -> Result<Keypair> {
		let suri = self.root_suri()?;
		match (self.cli.as_patient, self.counterparty.get()) {
			(false, _) => keys::keypair_from_suri(&suri),
			(true, Some(counterparty)) => {
				keys::keypair_from_suri(&keys::pseudonym_suri(&suri, &counterparty))
			},
			(true, None) => Err(healthchain_client::invalid(
				"with --as-patient, this command has no counter-party to choose a pseudonym \
				 for: name it (`--towards org:<id>` or an account) or sign without --as-patient",
			)),
		}
	}

	/// This action's counter-party: with `--as-patient`, it is signed by the pseudonym the
	/// wallet gives it (an explicit `--towards` wins).
	pub(crate) fn towards(&self, counterparty: keys::Counterparty) {
		if self.counterparty.get().is_none() {
			self.counterparty.set(Some(counterparty));
		}
	}

	/// With `--as-patient`, the counter-party of an action about `patient`: when `patient` is
	/// one of the wallet's own pseudonyms (the one it gives some registered organisation), that
	/// organisation, so that the action is signed by `patient` itself; otherwise the wallet
	/// acts for someone else's pseudonym (as their guardian or representative) and signs with
	/// the pseudonym it gives that account. One query (how many organisations there are).
	pub(crate) async fn towards_patient(&self, patient: &AccountId32) -> Result<()> {
		if !self.cli.as_patient {
			return Ok(());
		}
		let root = self.root_suri()?;
		if let Some(named) = self.counterparty.get() {
			// An explicit `--towards`: its pseudonym must be the patient or act for it, or the
			// transaction (even refused) would stand on chain beside the patient's pseudonym.
			let signer = keys::pseudonym_account(&root, &named)?;
			let acting_for =
				keys::pseudonym_account(&root, &keys::Counterparty::Account(*patient))?;
			if signer != *patient && signer != acting_for {
				return Err(healthchain_client::invalid(format!(
					"--towards {named} gives the pseudonym {signer}, which is neither {patient} nor \
					 the one this wallet acts for it with: signing with it would link the two"
				)));
			}
			return Ok(());
		}
		for id in 0..self.chain().await?.organisation_count().await? {
			let organisation = keys::Counterparty::Organisation(id);
			if keys::pseudonym_account(&root, &organisation)? == *patient {
				self.towards(organisation);
				return Ok(());
			}
		}
		self.towards(keys::Counterparty::Account(*patient));
		Ok(())
	}

	/// The connection to the node: one per run, however many queries a command makes (finding
	/// a pseudonym, reading a consent, submitting).
	pub(crate) async fn chain(&self) -> Result<&Chain> {
		if let Some(chain) = self.connection.get() {
			return Ok(chain);
		}
		let chain = self.connect().await?;
		Ok(self.connection.get_or_init(|| chain))
	}

	async fn connect(&self) -> Result<Chain> {
		// A malformed hash is refused before connecting.
		let given = match self.cli.metadata_hash.as_deref() {
			None | Some("node") => None,
			Some(hash) => Some(hash.parse::<Hash32>()?.0),
		};
		let mut chain = Chain::connect(&self.cli.url).await?;
		let hash = match self.cli.metadata_hash.as_deref() {
			Some("node") => Some(chain.metadata_hash().await?.0),
			_ => given,
		};
		chain.sign_with_metadata_hash(hash);
		Ok(chain)
	}

	/// Print `value` as JSON, or `text` for humans.
	pub(crate) fn print(&self, value: serde_json::Value, text: impl FnOnce() -> String) {
		if self.cli.json {
			println!("{value}");
		} else {
			println!("{}", text());
		}
	}

	pub(crate) async fn submit(&self, chain: &Chain, call: impl Into<Call>) -> Result<Outcome> {
		let call = call.into();
		let signer = self.signer()?;
		let outcome = chain.submit(&call, &signer, self.cli.wait).await?;
		let summary = outcome.call.clone();
		self.print(json!({ "ok": true, "call": summary, "outcome": outcome }), || {
			let mut text = match (&outcome.block_hash, outcome.block_number) {
				(Some(hash), Some(number)) => format!(
					"{summary} included in {} block #{number} ({hash})",
					if outcome.finalized { "finalized" } else { "best" }
				),
				_ => format!("{summary} submitted ({})", outcome.extrinsic_hash),
			};
			for event in outcome.events.iter().filter(|e| {
				e.pallet != "System" && e.pallet != "TransactionPayment" && e.pallet != "Balances"
			}) {
				text.push_str(&format!("\n  {}.{} {}", event.pallet, event.name, event.fields));
			}
			text
		});
		Ok(outcome)
	}

	pub(crate) async fn consortium(&self, call: impl Into<Call>, via: Via) -> Result<()> {
		let chain = self.chain().await?;
		let wrapped = registry_client::consortium(chain, call.into(), via).await?;
		self.submit_consortium(chain, wrapped).await
	}

	/// Submit a call already wrapped for the consortium (a motion, or sudo); say what the
	/// motion awaits.
	pub(crate) async fn submit_consortium(&self, chain: &Chain, wrapped: Call) -> Result<()> {
		let outcome = self.submit(chain, wrapped).await?;
		// A hint only: an event that does not decode leaves it out, not the motion.
		use healthchain_client::runtime::api::council::events::Proposed;
		if let Some(proposed) = outcome.find::<Proposed>().ok().flatten().filter(|_| !self.cli.json)
		{
			println!(
				"  motion awaits the members' votes, the proposer's included: healthchain council vote {:?} {}",
				proposed.proposal_hash, proposed.proposal_index
			);
		}
		Ok(())
	}
}

/// A command that already printed its answer and only needs to exit with status 1.
#[derive(Debug)]
pub(crate) struct Reported;

impl core::fmt::Display for Reported {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str("reported")
	}
}

impl std::error::Error for Reported {}

/// One HCT in its smallest unit (12 decimals).
const HCT: u128 = 1_000_000_000_000;

/// `text` HCT (up to 12 decimals) in the smallest unit.
pub(crate) fn parse_hct(text: &str) -> Result<u128> {
	let bad = || {
		healthchain_client::invalid(format!("bad amount {text:?}: expected HCT such as 2 or 0.25"))
	};
	let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
	if whole.is_empty() && fraction.is_empty() || fraction.len() > 12 {
		return Err(bad());
	}
	let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
	if !digits(whole) || !digits(fraction) {
		return Err(bad());
	}
	let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
	let fraction: u128 = format!("{fraction:0<12}").parse().map_err(|_| bad())?;
	whole.checked_mul(HCT).and_then(|w| w.checked_add(fraction)).ok_or_else(bad)
}

/// `amount` (smallest unit) as HCT, without trailing zeros.
pub(crate) fn hct(amount: u128) -> String {
	let fraction = format!("{:012}", amount % HCT);
	let fraction = fraction.trim_end_matches('0');
	if fraction.is_empty() {
		format!("{} HCT", amount / HCT)
	} else {
		format!("{}.{fraction} HCT", amount / HCT)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_parse_as_hct_and_print_back() {
		assert_eq!(parse_hct("2").unwrap(), 2 * HCT);
		assert_eq!(parse_hct("0.25").unwrap(), HCT / 4);
		assert_eq!(parse_hct(".5").unwrap(), HCT / 2);
		assert_eq!(parse_hct("0.000000000001").unwrap(), 1);
		for bad in ["", ".", "1.0000000000001", "-1", "1e3", "one"] {
			assert!(parse_hct(bad).is_err(), "{bad}");
		}
		assert_eq!(hct(2 * HCT), "2 HCT");
		assert_eq!(hct(HCT / 4), "0.25 HCT");
	}
}
