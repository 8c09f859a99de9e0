//! Storage migrations, versioned with the pallet's [`StorageVersion`](crate::STORAGE_VERSION).

use crate::{
	Checkpoint, Checkpoints, Config, DocumentAt, DocumentKey, DocumentKind, Documents, InForce,
	LogPath, MilestoneRecord, Milestones, Pallet, Trial, TrialId, Trials, Version,
};
use alloc::{collections::BTreeMap, vec::Vec};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// The layout of storage version 0.
// `storage_alias` writes an undocumented prefix type.
#[allow(missing_docs)]
pub mod v0 {
	use crate::{
		Config, DocumentKind, DocumentVersionOf, Hash, Moment, OrganisationId, Pallet, Stamp,
		TrialId, Version,
	};
	use codec::{Decode, Encode};
	use frame_support::{storage_alias, Blake2_128Concat, Twox64Concat};

	/// A trial as version 0 stored it: no tenure, voidings or first checkpoint.
	#[derive(Encode, Decode)]
	pub struct Trial<AccountId, Balance, BlockNumber> {
		/// The sponsor.
		pub sponsor: OrganisationId,
		/// Who registered it.
		pub registered_by: AccountId,
		/// When.
		pub registered: Stamp<BlockNumber>,
		/// The next sequence number.
		pub next_seq: u32,
		/// From which sequence number the sponsor holds it.
		pub sponsor_since: u32,
		/// How many checkpoints.
		pub checkpoints: u32,
		/// The head.
		pub head: Option<u32>,
		/// The log's size.
		pub log_size: u64,
		/// The log's root.
		pub log_root: Hash,
		/// The depositor.
		pub depositor: AccountId,
		/// The deposit.
		pub deposit: Balance,
	}

	/// A milestone as version 0 stored it: no deposit (the registration covered it), no
	/// versions in force.
	#[derive(Encode, Decode)]
	pub struct MilestoneRecord<AccountId, BlockNumber> {
		/// Who anchored it.
		pub anchored_by: AccountId,
		/// When.
		pub anchored: Stamp<BlockNumber>,
		/// The log's size then.
		pub log_size: u64,
		/// The head then.
		pub head: Option<u32>,
	}

	/// A checkpoint as version 0 stored it: no depth.
	#[derive(Encode, Decode)]
	pub struct Checkpoint<AccountId, Balance, BlockNumber> {
		/// The log's size.
		pub size: u64,
		/// Its root.
		pub root: Hash,
		/// The checkpoint it extends.
		pub parent: Option<u32>,
		/// Who anchored it.
		pub anchored_by: AccountId,
		/// The block.
		pub block: BlockNumber,
		/// Its time.
		pub time: Moment,
		/// The depositor.
		pub depositor: AccountId,
		/// The deposit.
		pub deposit: Balance,
	}

	/// Version 0's documents, keyed by (trial, (kind, version)).
	#[storage_alias]
	pub type Documents<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Blake2_128Concat,
		TrialId,
		Twox64Concat,
		(DocumentKind, Version),
		DocumentVersionOf<T>,
	>;
}

type AccountOf<T> = <T as frame_system::Config>::AccountId;
type BlockOf<T> = frame_system::pallet_prelude::BlockNumberFor<T>;
type OldTrial<T> = v0::Trial<AccountOf<T>, crate::BalanceOf<T>, BlockOf<T>>;
type OldMilestone<T> = v0::MilestoneRecord<AccountOf<T>, BlockOf<T>>;
type OldCheckpoint<T> = v0::Checkpoint<AccountOf<T>, crate::BalanceOf<T>, BlockOf<T>>;

/// Version 0 → 1: tenures, milestone deposits, the versions in force at each milestone, and
/// checkpoints' depths with the log's path.
///
/// - every trial is in its first tenure (0), with no voiding, its first checkpoint 0;
/// - document versions are re-keyed under tenure 0, and indexed by sequence number;
/// - every milestone records the latest version of each kind anchored before it (what
///   `in_force_at` computed), and a zero deposit held from the agent who anchored it
///   (milestones were covered by the registration deposit: nothing is held retroactively);
/// - every checkpoint gets its depth (its parent's plus one), and the log's path is the head's
///   chain.
///
/// One read and one or two writes per item, in the upgrade block: fine for the consortium's
/// pre-launch chains; a chain with more anchors than a block can rewrite would need it as a
/// multi-block migration (`pallet-migrations`).
pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		let mut reads = 0u64;
		let mut writes = 0u64;
		let mut heads = BTreeMap::<TrialId, Option<u32>>::new();
		Trials::<T>::translate::<OldTrial<T>, _>(|id, old| {
			reads = reads.saturating_add(1);
			writes = writes.saturating_add(1);
			heads.insert(id, old.head);
			Some(Trial {
				sponsor: old.sponsor,
				registered_by: old.registered_by,
				registered: old.registered,
				next_seq: old.next_seq,
				sponsor_since: old.sponsor_since,
				tenure: 0,
				voidings: 0,
				checkpoints: old.checkpoints,
				first_checkpoint: 0,
				head: old.head,
				log_size: old.log_size,
				log_root: old.log_root,
				depositor: old.depositor,
				deposit: old.deposit,
			})
		});
		// Documents: every old key is drained first, then written under tenure 0 (the same
		// storage prefix holds both layouts).
		let documents: Vec<_> = v0::Documents::<T>::drain().collect();
		let mut anchored = BTreeMap::<(TrialId, DocumentKind), Vec<(u32, Version)>>::new();
		for (trial, (kind, version), document) in documents {
			reads = reads.saturating_add(1);
			writes = writes.saturating_add(3);
			let seq = document.anchored.seq;
			anchored.entry((trial.clone(), kind)).or_default().push((seq, version));
			DocumentAt::<T>::insert(&trial, seq, DocumentKey { tenure: 0, kind, version });
			Documents::<T>::insert(&trial, (0, kind, version), document);
		}
		Milestones::<T>::translate::<OldMilestone<T>, _>(|trial, _, old| {
			reads = reads.saturating_add(1);
			writes = writes.saturating_add(1);
			let in_force: Vec<_> = DocumentKind::ALL
				.into_iter()
				.filter_map(|kind| {
					anchored
						.get(&(trial.clone(), kind))?
						.iter()
						.filter(|(seq, _)| *seq < old.anchored.seq)
						.max()
						.map(|(_, version)| (kind, *version))
				})
				.collect();
			Some(MilestoneRecord {
				depositor: old.anchored_by.clone(),
				anchored_by: old.anchored_by,
				anchored: old.anchored,
				log_size: old.log_size,
				head: old.head,
				in_force: InForce::truncate_from(in_force),
				deposit: Default::default(),
			})
		});
		// Checkpoints: in index order per trial, so that each parent's depth is known.
		let mut old_checkpoints = BTreeMap::<(TrialId, u32), OldCheckpoint<T>>::new();
		Checkpoints::<T>::translate::<OldCheckpoint<T>, _>(|trial, index, old| {
			reads = reads.saturating_add(1);
			old_checkpoints.insert((trial, index), old);
			// Removed here, written again below with its depth.
			None
		});
		let mut depths = BTreeMap::<(TrialId, u32), u32>::new();
		for ((trial, index), old) in old_checkpoints {
			let depth = old
				.parent
				.and_then(|parent| depths.get(&(trial.clone(), parent)).copied())
				.unwrap_or(0)
				.saturating_add(1);
			depths.insert((trial.clone(), index), depth);
			writes = writes.saturating_add(1);
			Checkpoints::<T>::insert(
				&trial,
				index,
				Checkpoint {
					log_size: old.size,
					root: old.root,
					parent: old.parent,
					depth,
					anchored_by: old.anchored_by,
					block: old.block,
					time: old.time,
					depositor: old.depositor,
					deposit: old.deposit,
				},
			);
		}
		for (trial, head) in heads {
			let mut at = head;
			while let Some(index) = at {
				reads = reads.saturating_add(1);
				let Some(checkpoint) = Checkpoints::<T>::get(&trial, index) else { break };
				writes = writes.saturating_add(1);
				LogPath::<T>::insert(&trial, checkpoint.depth, index);
				at = checkpoint.parent;
			}
		}
		T::DbWeight::get().reads_writes(reads, writes)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		// Keys only: the values are still in the old layout.
		let count = |n: usize| n as u64;
		Ok((
			count(Trials::<T>::iter_keys().count()),
			count(v0::Documents::<T>::iter_keys().count()),
			count(Milestones::<T>::iter_keys().count()),
			count(Checkpoints::<T>::iter_keys().count()),
		)
			.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		let before =
			<(u64, u64, u64, u64)>::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
		let after = (
			Trials::<T>::iter().count() as u64,
			Documents::<T>::iter().count() as u64,
			Milestones::<T>::iter().count() as u64,
			Checkpoints::<T>::iter().count() as u64,
		);
		frame_support::ensure!(before == after, "an anchor was lost in the migration");
		Pallet::<T>::do_try_state()
	}
}

/// [`InnerMigrateV0ToV1`], run only when the stored version is 0, then setting it to 1.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	InnerMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
