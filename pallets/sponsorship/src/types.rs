//! The sponsorship pallet's stored and reported types.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use healthchain_primitives::{OrganisationId, Role};
use scale_info::TypeInfo;

/// An organisation's sponsorship of one account: the organisation pays the account's fees for
/// patient calls and the deposits its actions create, up to `budget` per period.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Sponsorship<Balance, BlockNumber> {
	/// The sponsoring organisation, whose sponsor account pays.
	pub sponsor: OrganisationId,
	/// The role in which it sponsors: the first of its accreditations in force when the
	/// sponsorship began. It pays while that accreditation is in force (checked at each use,
	/// with two reads).
	pub role: Role,
	/// The most the sponsor pays for the account (fees and deposits) in one period.
	pub budget: Balance,
	/// What the sponsor paid for the account in the period that began at `period_start`.
	pub spent: Balance,
	/// The block at which the current budget period began; a period lasts
	/// `Config::BudgetPeriod` blocks, and the next begins with the first payment after it.
	pub period_start: BlockNumber,
	/// The deposit held from the sponsor account for this record, returned when it ends.
	pub deposit: Balance,
	/// The block in which the sponsorship began.
	pub since: BlockNumber,
}

impl<Balance, BlockNumber> Sponsorship<Balance, BlockNumber>
where
	Balance: Copy + Default + PartialOrd + sp_runtime::traits::Saturating,
	BlockNumber: Copy + PartialOrd + sp_runtime::traits::Saturating,
{
	/// The sponsorship as it stands at block `now`: a period that has run its `period`
	/// blocks is over, and a new one begins now with nothing spent.
	pub fn at(mut self, now: BlockNumber, period: BlockNumber) -> Self {
		if now >= self.period_start.saturating_add(period) {
			self.period_start = now;
			self.spent = Balance::default();
		}
		self
	}

	/// What is left of the budget in the current period (after [`Self::at`]).
	pub fn remaining(&self) -> Balance {
		self.budget.saturating_sub(self.spent)
	}
}

/// A sponsorship as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct SponsorshipView<AccountId, Balance, BlockNumber> {
	/// The sponsoring organisation.
	pub sponsor: OrganisationId,
	/// The account its fees and deposits are paid from.
	pub sponsor_account: AccountId,
	/// The budget per period.
	pub budget: Balance,
	/// Spent in the current period (zero when the last period is over).
	pub spent: Balance,
	/// What is left in the current period.
	pub remaining: Balance,
	/// When the current period began (the block of the last payment that began one).
	pub period_start: BlockNumber,
	/// The length of a period, in blocks.
	pub period: BlockNumber,
	/// The role in which the sponsor sponsors.
	pub role: Role,
	/// Whether the sponsor pays now: its accreditation in that role is in force (and the
	/// account acts for no organisation). Otherwise the account pays for itself until it is
	/// again.
	pub paying: bool,
	/// The deposit held from the sponsor account for the record.
	pub deposit: Balance,
	/// The block in which the sponsorship began.
	pub since: BlockNumber,
}

/// The account a sponsorship's fees and deposits are paid from, and what it holds.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct SponsorAccount<AccountId, Balance> {
	/// The account, derived from the organisation's id; anyone can fund it
	/// (`sponsorship.fund`), only the organisation's admin can take from it
	/// (`sponsorship.withdraw`).
	pub account: AccountId,
	/// What it can spend now (free balance above the existential deposit).
	pub spendable: Balance,
	/// What it holds as deposits for the storage its sponsored accounts created.
	pub held: Balance,
}
