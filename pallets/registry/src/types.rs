//! The SCALE types the registry stores and its runtime API returns.

use crate::{Config, Moment, OrganisationId, OrganisationKind, Role};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::fungible::Inspect;
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// [`OrganisationInfo`] as the pallet stores it.
pub type OrganisationOf<T> =
	OrganisationInfo<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// [`AgentInfo`] as the pallet stores it.
pub type AgentInfoOf<T> = AgentInfo<BalanceOf<T>, BlockNumberFor<T>>;

/// [`InvitationInfo`] as the pallet stores it.
pub type InvitationOf<T> = InvitationInfo<BalanceOf<T>, BlockNumberFor<T>>;

/// [`AccreditationInfo`] as the pallet stores it.
pub type AccreditationOf<T> = AccreditationInfo<BlockNumberFor<T>>;

/// Whether the consortium has suspended an organisation.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum OrganisationStatus {
	/// Its accreditations authorize (each subject to its own status and expiry).
	Active,
	/// None of its accreditations authorizes anything.
	Suspended,
}

/// A registered organisation.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct OrganisationInfo<AccountId, Balance, BlockNumber> {
	/// What kind of entity it is.
	pub kind: OrganisationKind,
	/// The account that registered it, paid its deposits and manages its agents.
	pub admin: AccountId,
	/// Hash of its public profile document (name, registration number, address), kept off
	/// chain. Public organisational data only, never about patients.
	pub profile_hash: H256,
	/// Whether the consortium has suspended it.
	pub status: OrganisationStatus,
	/// The block in which it was registered.
	pub registered_at: BlockNumber,
	/// The registration deposit held from the admin.
	pub deposit: Balance,
	/// How many agents it has besides the admin.
	pub agents: u32,
	/// How many invitations to act for it are awaiting the invitee's acceptance. Agents and
	/// invitations together are at most `MaxAgents`.
	pub invitations: u32,
}

/// What the registry knows of one agent.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct AgentInfo<Balance, BlockNumber> {
	/// The organisation the account acts for.
	pub organisation: OrganisationId,
	/// The deposit held from the organisation's admin for this agent (zero for the admin).
	pub deposit: Balance,
	/// The block from which it acts for the organisation.
	pub since: BlockNumber,
}

/// An invitation to act for an organisation, awaiting the invitee's acceptance: nobody acts for
/// an organisation, or is publicly linked to it, without having agreed to.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct InvitationInfo<Balance, BlockNumber> {
	/// The agent deposit held from the organisation's admin; it moves with the invitee when
	/// they accept, and returns to the admin when the invitation is withdrawn or declined.
	pub deposit: Balance,
	/// The block in which the admin invited them.
	pub since: BlockNumber,
}

/// Whether the consortium has suspended an accreditation.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum AccreditationStatus {
	/// It authorizes until `valid_until`.
	Active,
	/// It authorizes nothing until reinstated.
	Suspended,
}

/// An organisation's accreditation for one role.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct AccreditationInfo<BlockNumber> {
	/// Until when it authorizes: Unix milliseconds, exclusive.
	pub valid_until: Moment,
	/// Whether it is suspended.
	pub status: AccreditationStatus,
	/// The block in which it was (last) granted.
	pub granted_at: BlockNumber,
}

/// The state of an accreditation at a given moment, as queries report it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum AccreditationEffectiveStatus {
	/// It authorizes now.
	Active,
	/// It is suspended (whether or not it has also expired).
	Suspended,
	/// Its `valid_until` has passed.
	Expired,
}

impl<BlockNumber> AccreditationInfo<BlockNumber> {
	/// The status at time `now` (Unix milliseconds): expiry is read, never written.
	pub fn effective_status(&self, now: Moment) -> AccreditationEffectiveStatus {
		match self.status {
			AccreditationStatus::Suspended => AccreditationEffectiveStatus::Suspended,
			AccreditationStatus::Active if now >= self.valid_until => {
				AccreditationEffectiveStatus::Expired
			},
			AccreditationStatus::Active => AccreditationEffectiveStatus::Active,
		}
	}
}

/// One accreditation as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct AccreditationView<BlockNumber> {
	/// The role.
	pub role: Role,
	/// Until when (Unix milliseconds, exclusive).
	pub valid_until: Moment,
	/// The stored status (active or suspended).
	pub status: AccreditationStatus,
	/// The status now, expiry taken into account.
	pub effective: AccreditationEffectiveStatus,
	/// The block in which it was granted.
	pub granted_at: BlockNumber,
}
