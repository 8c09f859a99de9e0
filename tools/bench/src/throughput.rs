//! How many transactions of a kind one block holds: `--wallets` wallets (`//Bench//<i>`), each
//! with one transaction signed in advance, all submitted at once; the node's blocks are then
//! read and the wallets' transactions counted in each. A block that is followed by another
//! holding more of them was filled: its count is what a block holds.

use super::{account, fund, grant, permits, CUSTODIAN, FUNDER};
use anyhow::{ensure, Result};
use healthchain_client::{
	call::Call,
	chain::Chain,
	keys::keypair_from_suri,
	runtime::api::runtime_types::{
		healthchain_runtime::RuntimeCall, pallet_balances::pallet::Call as BalancesCall,
	},
};
use std::{
	collections::HashSet,
	time::{Duration, Instant},
};
use subxt::{rpcs::rpc_params, utils::AccountId32};
use subxt_signer::sr25519::Keypair;

/// What each wallet signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
	/// `Balances::transfer_keep_alive` of one HCT to Alice: the yardstick.
	Transfer,
	/// `Consent::grant`: the wallet, as a patient paying for itself, permits Bob to read all
	/// its records for treatment (one provision), as a patient's first consent.
	Grant,
}

/// The `i`th wallet.
fn wallet(i: usize) -> Result<Keypair> {
	keypair_from_suri(&format!("//Bench//{i}"))
}

/// What each wallet is given: fees, a consent's deposit and a transfer, with room to spare.
const FUNDS: u128 = 10_000_000_000_000;

/// Fund `wallets` wallets from Alice, a thousand transfers per transaction.
pub async fn setup(url: &str, wallets: usize) -> Result<()> {
	let chain = Chain::connect(url).await?;
	let accounts: Vec<AccountId32> =
		(0..wallets).map(|i| Ok(wallet(i)?.public_key().to_account_id())).collect::<Result<_>>()?;
	fund(&chain, &accounts, FUNDS).await
}

/// The transaction wallet `account` signs: a transfer to the funder, or a grant to the
/// custodian (`grantee`) of reading all its records for treatment.
fn call(
	kind: Kind,
	account: &AccountId32,
	funder: &AccountId32,
	grantee: &AccountId32,
) -> Result<Call> {
	Ok(match kind {
		Kind::Transfer => Call(RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
			dest: subxt::utils::MultiAddress::Id(*funder),
			value: 1_000_000_000_000,
		})),
		Kind::Grant => grant(account, &permits(grantee, "all", 1))?,
	})
}

/// Sign a transaction of `kind` for every wallet, submit them all, and count them block by
/// block; print what a block holds.
pub async fn run(url: &str, kind: Kind, wallets: usize) -> Result<()> {
	let chain = Chain::connect(url).await?;
	let signers: Vec<Keypair> = (0..wallets).map(wallet).collect::<Result<_>>()?;
	let (funder, grantee) = (account(FUNDER)?, account(CUSTODIAN)?);
	let mut transactions = Vec::with_capacity(wallets);
	for signer in &signers {
		let account = signer.public_key().to_account_id();
		let nonce: u64 =
			chain.request("system_accountNextIndex", rpc_params![account.to_string()]).await?;
		transactions.push((call(kind, &account, &funder, &grantee)?, signer, nonce));
	}
	let signed = chain.sign_all(&transactions).await?;
	let ours: HashSet<String> =
		signed.iter().map(|bytes| format!("0x{}", hex::encode(bytes))).collect();
	let before = best_number(&chain).await?;
	let started = Instant::now();
	for transaction in &ours {
		let _: String = chain.request("author_submitExtrinsic", rpc_params![transaction]).await?;
	}
	eprintln!(
		"{wallets} {kind:?} transactions submitted in {:.1} s",
		started.elapsed().as_secs_f64()
	);
	// Until the pool is empty, and one more block.
	let deadline = Instant::now() + Duration::from_secs(600);
	loop {
		let pending: Vec<String> = chain.request("author_pendingExtrinsics", rpc_params![]).await?;
		if pending.iter().all(|transaction| !ours.contains(transaction)) {
			break;
		}
		ensure!(Instant::now() < deadline, "{} still pending after 10 minutes", pending.len());
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
	let last = best_number(&chain).await?;
	let mut counts = Vec::new();
	for number in before + 1..=last {
		let hash: String = chain.request("chain_getBlockHash", rpc_params![number]).await?;
		let block: serde_json::Value = chain.request("chain_getBlock", rpc_params![hash]).await?;
		let extrinsics = block["block"]["extrinsics"].as_array().cloned().unwrap_or_default();
		let count =
			extrinsics.iter().filter(|e| e.as_str().is_some_and(|e| ours.contains(e))).count();
		if count > 0 {
			counts.push((number, count));
		}
	}
	let included: usize = counts.iter().map(|(_, count)| count).sum();
	ensure!(included == wallets, "{included} of {wallets} transactions included: {counts:?}");
	// A block followed by another holding the wallets' transactions was full.
	let full = counts.iter().rev().skip(1).map(|(_, count)| *count).max();
	let summary = serde_json::json!({
		"kind": format!("{kind:?}").to_lowercase(),
		"wallets": wallets,
		"blocks": counts.len(),
		"per_block": counts.iter().map(|(number, count)| serde_json::json!([number, count])).collect::<Vec<_>>(),
		"a_full_block_holds": full,
	});
	println!("{summary}");
	match full {
		Some(full) => {
			eprintln!("{kind:?}: {wallets} in {} blocks; a full block holds {full}", counts.len())
		},
		None => {
			eprintln!("{kind:?}: all {wallets} in one block: no block was filled; use more wallets")
		},
	}
	Ok(())
}

async fn best_number(chain: &Chain) -> Result<u64> {
	let header: serde_json::Value = chain.request("chain_getHeader", rpc_params![]).await?;
	let number = header["number"].as_str().unwrap_or("0x0").trim_start_matches("0x");
	Ok(u64::from_str_radix(number, 16)?)
}
