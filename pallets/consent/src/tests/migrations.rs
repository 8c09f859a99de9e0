//! The storage version and its migrations.

use super::*;
use crate::{
	migrations::{v1, v2, v3, MigrateV0ToV1, MigrateV1ToV2, MigrateV2ToV3, MigrateV3ToV4},
	AccessKind, AccessLog, Consents, Justification, Pallet, STORAGE_VERSION,
};
use codec::Encode;
use frame_support::{
	traits::{Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	weights::RuntimeDbWeight,
};
use sp_core::H256;

fn db() -> RuntimeDbWeight {
	<<Test as frame_system::Config>::DbWeight as Get<RuntimeDbWeight>>::get()
}

#[test]
fn storage_version_is_bumped_and_each_migration_runs_once() {
	assert_eq!(STORAGE_VERSION, 4);
	ExtBuilder::default().build().execute_with(|| {
		// A chain at version 0 is migrated once to 1, then to 2, then to 3.
		StorageVersion::new(0).put::<Pallet<Test>>();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 3);
		MigrateV3ToV4::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), STORAGE_VERSION);
		assert_eq!(Pallet::<Test>::in_code_storage_version(), STORAGE_VERSION);
		// Run again, they do nothing.
		assert_eq!(MigrateV0ToV1::<Test>::on_runtime_upgrade(), db().reads(1));
		assert_eq!(MigrateV1ToV2::<Test>::on_runtime_upgrade(), db().reads(1));
		assert_eq!(MigrateV2ToV3::<Test>::on_runtime_upgrade(), db().reads(1));
		assert_eq!(MigrateV3ToV4::<Test>::on_runtime_upgrade(), db().reads(1));
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), STORAGE_VERSION);
	});
}

/// A custodian's entry and a break-glass opening, as `record_access` and
/// `open_emergency_access` write them today; (custodian's commitment, the opening's licence).
fn two_entries() -> (H256, u64) {
	grant(Grantee::Organisation(LAB_ORG), vec![provision(Decision::Permit, Scope::All)]);
	let commitment = H256::repeat_byte(1);
	assert_ok!(Consent::record_access(RuntimeOrigin::signed(LAB), PATIENT, NOBODY, commitment));
	assert_ok!(Consent::open_emergency_access(
		RuntimeOrigin::signed(DOCTOR),
		PATIENT,
		Justification::Other,
		HOUR
	));
	let AccessKind::BreakGlass { licence } = AccessLog::<Test>::get(PATIENT, 1).unwrap().kind
	else {
		panic!("a break-glass opening")
	};
	(commitment, licence)
}

/// The decisions versions 1 and 2 stored in clear for the two entries of [`two_entries`].
fn old_decisions(licence: u64) -> [AccessDecision; 2] {
	[
		permit(0, 0),
		AccessDecision { decision: Decision::Permit, basis: Basis::Emergency { licence } },
	]
}

/// Audit entries stored in the version-1 layout (a custodian's and a break-glass opening's) are
/// rewritten with their recorder as depositor and `AccessRecordDeposit` as deposit (version
/// 2), then without their decision in clear (version 3): a custodian's keeps its commitment,
/// an opening its licence.
#[test]
fn migrations_from_v1_name_each_depositor_then_drop_the_decisions() {
	ExtBuilder::default().build().execute_with(|| {
		let (commitment, licence) = two_entries();
		let current: Vec<_> =
			(0..2).map(|index| AccessLog::<Test>::get(PATIENT, index).unwrap()).collect();
		// Write them back as version 1 stored them.
		let questions = [Some(commitment), None];
		for (index, entry) in current.iter().enumerate() {
			let old = v1::AccessRecord {
				accessor: entry.accessor,
				custodian: entry.custodian,
				recorded_by: entry.recorded_by,
				question: questions[index],
				decision: old_decisions(licence)[index],
				at: entry.at,
				block: entry.block,
			};
			frame_support::storage::unhashed::put_raw(
				&AccessLog::<Test>::hashed_key_for(PATIENT, index as u64),
				&old.encode(),
			);
		}
		StorageVersion::new(1).put::<Pallet<Test>>();

		let weight = MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(weight, db().reads_writes(2, 2).saturating_add(db().reads_writes(1, 1)));
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
		for (index, entry) in current.iter().enumerate() {
			let v2 = v2::AccessLog::<Test>::get(PATIENT, index as u64).unwrap();
			assert_eq!((v2.depositor, v2.deposit), (entry.recorded_by, RECORD_DEPOSIT));
			assert_eq!(v2.decision, old_decisions(licence)[index]);
		}

		MigrateV2ToV3::<Test>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 3);
		for (index, entry) in current.into_iter().enumerate() {
			assert_eq!(AccessLog::<Test>::get(PATIENT, index as u64), Some(entry));
		}
		Consent::do_try_state().unwrap();
	});
}

/// A consent stored in the version-3 layout (no depositor) is rewritten with its grantor as
/// its depositor, and its deposit still returns to the grantor when it is removed.
#[test]
fn migration_from_v3_names_each_consents_grantor_as_its_depositor() {
	ExtBuilder::default().build().execute_with(|| {
		let id =
			grant(Grantee::Organisation(LAB_ORG), vec![provision(Decision::Permit, Scope::All)]);
		let current = Consents::<Test>::get(id).unwrap();
		let old = v3::ConsentInfo {
			patient: current.patient,
			grantor: current.grantor,
			capacity: current.capacity,
			representation: current.representation,
			grantee: current.grantee,
			provisions: current.provisions.clone(),
			period: current.period,
			status: current.status,
			granted_in: current.granted_in,
			deposit: current.deposit,
		};
		frame_support::storage::unhashed::put_raw(
			&Consents::<Test>::hashed_key_for(id),
			&old.encode(),
		);
		StorageVersion::new(3).put::<Pallet<Test>>();

		let weight = MigrateV3ToV4::<Test>::on_runtime_upgrade();

		assert_eq!(weight, db().reads_writes(1, 1).saturating_add(db().reads_writes(1, 1)));
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 4);
		let migrated = Consents::<Test>::get(id).unwrap();
		assert_eq!(migrated.depositor, PATIENT);
		assert_eq!(migrated, current);
		Consent::do_try_state().unwrap();
	});
}
