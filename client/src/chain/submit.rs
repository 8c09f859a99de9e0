//! Signing and submitting transactions, and following them to a block.

use super::*;
use subxt::transactions::Payload as _;

impl Chain {
	/// The parameters a transaction with `nonce` is signed with: subxt's defaults, and the
	/// metadata hash when signing with `CheckMetadataHash` enabled.
	fn params(&self, nonce: u64) -> HealthchainParams {
		HealthchainParams {
			default: DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce).build(),
			metadata_hash: self.metadata_hash,
		}
	}

	/// Each of `transactions` (a call, its signer and the nonce to sign it with) signed and
	/// encoded as a node takes it (`author_submitExtrinsic`), all against the best block's
	/// state and metadata, none submitted: for a wallet that signs offline or hands its
	/// transactions to another node, and for load tests that sign in advance.
	pub async fn sign_all(&self, transactions: &[(Call, &Keypair, u64)]) -> Result<Vec<Vec<u8>>> {
		let at = self.at(true).await?;
		let metadata = at.metadata();
		let mut signed = Vec::with_capacity(transactions.len());
		for (call, signer, nonce) in transactions {
			let payload = call.payload(&metadata)?;
			let params = self.params(*nonce);
			let transaction = at.transactions().create_signed(&payload, *signer, params).await?;
			signed.push(transaction.into_encoded());
		}
		Ok(signed)
	}

	/// Sign `call` with `signer`, submit it and follow it as `wait` says.
	///
	/// The runtime validates the signed transaction first: one it refuses returns a [`Failure`]
	/// named by the kind of refusal (`Invalid.Payment`, `MetadataHashMismatch`) and is not
	/// submitted. A transaction whose dispatch failed (including a call wrapped in `sudo` or
	/// executed by the council, whose failure is inside `Sudo::Sudid` or `Council::Executed`)
	/// returns the [`Failure`] of its dispatch error.
	pub async fn submit(&self, call: &Call, signer: &Keypair, wait: Wait) -> Result<Outcome> {
		let account = signer.public_key().to_account_id();
		let nonce = self.rpc.system_account_next_index(&account).await?;
		let params = self.params(nonce);
		// At the best block: the state the node's pool will check the transaction against
		// (a signer's funds or earlier transactions may not be final yet).
		let at = self.at(true).await?;
		let metadata = at.metadata();
		let payload = call.payload(&metadata)?;
		let call = format!("{}.{}", payload.pallet_name(), payload.call_name());
		let transaction = at.transactions().create_signed(&payload, signer, params).await?;
		match transaction.validate().await? {
			ValidationResult::Valid(_) => {},
			refused => bail!(Failure::from_validation(refused, self.metadata_hash)),
		}
		// The node may still refuse it (a transaction with the same nonce in its pool, one it
		// already imported or banned): it says why only in text.
		let mut progress = transaction
			.submit_and_watch()
			.await
			.map_err(|e| Failure { error: "Invalid".into(), message: e.to_string() })?;
		let extrinsic_hash = format!("{:?}", progress.extrinsic_hash());
		if wait == Wait::None {
			return Ok(Outcome {
				call,
				extrinsic_hash,
				block_hash: None,
				block_number: None,
				finalized: false,
				events: Vec::new(),
				typed: None,
			});
		}
		while let Some(status) = progress.next().await {
			let (in_block, finalized) = match status? {
				TransactionStatus::InBestBlock(in_block) if wait == Wait::InBlock => {
					(in_block, false)
				},
				TransactionStatus::InFinalizedBlock(in_block) => (in_block, true),
				// Refused after it passed validation (the pool revalidates it against a newer
				// block): the node gives a reason only as text.
				TransactionStatus::Error { message }
				| TransactionStatus::Invalid { message }
				| TransactionStatus::Dropped { message } => {
					bail!(Failure { error: "Invalid".into(), message })
				},
				_ => continue,
			};
			let events = in_block.fetch_events().await?;
			let mut records = Vec::new();
			for event in events.iter() {
				let event = event?;
				if let Some(error) = crate::failure::dispatch_failure(&event)? {
					bail!(Failure::from_dispatch_error(&error, &metadata));
				}
				records.push(EventRecord {
					pallet: event.pallet_name().to_string(),
					name: event.event_name().to_string(),
					fields: crate::outcome::event_fields(&metadata, &event)?,
				});
			}
			let block_hash = in_block.block_hash();
			let header = self.rpc.chain_get_header(Some(block_hash)).await?;
			return Ok(Outcome {
				call,
				extrinsic_hash,
				block_hash: Some(format!("{block_hash:?}")),
				block_number: header.map(|h| h.number),
				finalized,
				events: records,
				typed: Some(events),
			});
		}
		Err(anyhow!("the node stopped reporting on the transaction before it was included"))
	}
}
