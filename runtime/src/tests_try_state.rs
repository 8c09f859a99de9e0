//! `try-runtime` checks on a snapshot of a real chain: every pallet's `try_state` (its storage
//! invariants) over the state a dev node wrote, with data in every one of healthchain's pallets.
//! `scripts/try-runtime.sh` makes the snapshot (a dev node driven through the client, then
//! `healthchain-node export-state`) and runs this test on it; `scripts/test.sh` runs the script.

use crate::{AllPalletsWithSystem, Runtime};
use frame_support::traits::{TryState, TryStateSelect};
use sp_core::storage::Storage;

/// The raw state of an `export-state` chain spec (`genesis.raw.top`).
fn snapshot_state(path: &str) -> Storage {
	let spec = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
	let spec: serde_json::Value = serde_json::from_slice(&spec).expect("the snapshot is JSON");
	let top = spec["genesis"]["raw"]["top"].as_object().expect("a raw chain spec: genesis.raw.top");
	let hex = |text: &str| {
		let text = text.strip_prefix("0x").unwrap_or(text);
		(0..text.len())
			.step_by(2)
			.map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
			.collect::<Vec<u8>>()
	};
	let top = top
		.iter()
		.map(|(key, value)| (hex(key), hex(value.as_str().expect("a hex value"))))
		.collect();
	Storage { top, children_default: Default::default() }
}

/// `try-runtime on-runtime-upgrade` on the snapshot: every migration of this runtime
/// (`Migrations`, each versioned: it runs only from the storage version it migrates) with its
/// pre- and post-upgrade checks, every pallet's storage version then as its code says, and
/// every pallet's `try_state` after.
#[test]
#[ignore = "needs a snapshot of a dev chain: run scripts/try-runtime.sh"]
fn the_runtime_upgrade_migrates_a_snapshot() {
	let path = std::env::var("HEALTHCHAIN_SNAPSHOT")
		.expect("HEALTHCHAIN_SNAPSHOT names the snapshot (scripts/try-runtime.sh sets it)");
	sp_io::TestExternalities::new(snapshot_state(&path)).execute_with(|| {
		let weight =
			crate::Executive::try_runtime_upgrade(frame_try_runtime::UpgradeCheckSelect::All)
				.expect("the upgrade's migrations and checks pass");
		assert!(weight.ref_time() > 0);
	});
}

/// The same upgrade on the committed state of a dev chain that the released runtime (spec
/// version 109) wrote, as `scripts/try-runtime.sh snapshot` writes it (data in every pallet),
/// without its runtime code (`:code`: the upgrade runs natively): every migration since then
/// runs on data in the layout it migrates from, with its checks.
#[test]
#[ignore = "the try-runtime checks: run scripts/try-runtime.sh"]
fn the_runtime_upgrade_migrates_the_state_of_spec_109() {
	let path = concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots/spec-109.json");
	sp_io::TestExternalities::new(snapshot_state(path)).execute_with(|| {
		use frame_support::traits::GetStorageVersion;
		// It holds the old layouts: the migrations have something to do.
		assert_eq!(pallet_trial_anchoring::Pallet::<Runtime>::on_chain_storage_version(), 0);
		assert_eq!(pallet_health_tokens::Pallet::<Runtime>::on_chain_storage_version(), 2);
		crate::Executive::try_runtime_upgrade(frame_try_runtime::UpgradeCheckSelect::All)
			.expect("the upgrade's migrations and checks pass");
		assert_eq!(
			pallet_trial_anchoring::Pallet::<Runtime>::on_chain_storage_version(),
			pallet_trial_anchoring::Pallet::<Runtime>::in_code_storage_version()
		);
		assert!(pallet_trial_anchoring::Checkpoints::<Runtime>::iter().count() >= 2);
		assert!(pallet_health_tokens::Tokens::<Runtime>::iter().all(|(_, t)| t.owner.is_some()));
	});
}

#[test]
#[ignore = "needs a snapshot of a dev chain: run scripts/try-runtime.sh"]
fn try_state_holds_on_a_snapshot_of_a_dev_chain() {
	let path = std::env::var("HEALTHCHAIN_SNAPSHOT")
		.expect("HEALTHCHAIN_SNAPSHOT names the snapshot (scripts/try-runtime.sh sets it)");
	sp_io::TestExternalities::new(snapshot_state(&path)).execute_with(|| {
		// The snapshot has data in every pallet whose invariants are checked.
		assert!(pallet_registry::Organisations::<Runtime>::iter().count() >= 2, "organisations");
		assert!(pallet_registry::Accreditations::<Runtime>::iter().count() >= 2, "accreditations");
		assert!(pallet_registry::AgentOf::<Runtime>::iter().count() >= 3, "agents");
		assert!(pallet_health_tokens::Tokens::<Runtime>::iter().count() >= 2, "tokens");
		assert!(pallet_health_tokens::LicenceOf::<Runtime>::iter().count() >= 1, "licences");
		assert!(pallet_consent::Consents::<Runtime>::iter().count() >= 1, "consents");
		assert!(pallet_consent::Representatives::<Runtime>::iter().count() >= 1, "representatives");
		assert!(pallet_consent::EmergencyAccess::<Runtime>::iter().count() >= 1, "break-glass");
		assert!(pallet_consent::AccessLog::<Runtime>::iter().count() >= 1, "audit trail");
		assert!(pallet_trial_anchoring::Trials::<Runtime>::iter().count() >= 1, "trials");
		assert!(pallet_trial_anchoring::Documents::<Runtime>::iter().count() >= 1, "documents");
		assert!(pallet_trial_anchoring::Milestones::<Runtime>::iter().count() >= 1, "milestones");
		assert!(pallet_trial_anchoring::Checkpoints::<Runtime>::iter().count() >= 2, "checkpoints");
		assert!(pallet_insurance::Attestations::<Runtime>::iter().count() >= 2, "attestations");
		assert!(
			pallet_node_authorisation::Nodes::<Runtime>::iter()
				.any(|(_, node)| !node.connections.is_empty()),
			"an authorised node with a connection"
		);
		assert!(
			pallet_insurance::Attestations::<Runtime>::iter()
				.any(|(_, a)| matches!(a.status, pallet_insurance::Status::Superseded { .. })),
			"a renewed attestation"
		);
		// Deposits an admin took over, so that the holds are checked against moved deposits.
		assert!(
			pallet_health_tokens::Versions::<Runtime>::iter()
				.any(|(_, _, version)| version.depositor != version.author),
			"a version deposit taken over"
		);
		assert!(
			pallet_consent::AccessLog::<Runtime>::iter()
				.any(|(_, _, entry)| entry.depositor != entry.recorded_by),
			"an audit-entry deposit taken over"
		);
		let block = frame_system::Pallet::<Runtime>::block_number();
		assert!(block > 0, "the snapshot is of a chain that produced blocks");
		<AllPalletsWithSystem as TryState<_>>::try_state(block, TryStateSelect::All)
			.expect("every pallet's try_state holds");
	});
}
