//! [`ChargeSponsored`]: the transaction extension that charges a sponsored account's fees to
//! its sponsor.

use crate::{BalanceOf, Config, Pallet, SponsorshipOf, WeightInfo};
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{
	dispatch::{DispatchInfo, PostDispatchInfo},
	pallet_prelude::{TransactionSource, Weight},
	traits::{Contains, IsSubType, OriginTrait},
};
use pallet_transaction_payment::{ChargeTransactionPayment, OnChargeTransaction};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		DispatchInfoOf, DispatchOriginOf, Dispatchable, Implication, PostDispatchInfoOf,
		Saturating, TransactionExtension, UniqueSaturatedInto, ValidateResult, Zero,
	},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	DispatchResult,
};

/// The balance in which `pallet-transaction-payment` charges fees.
type FeeOf<T> = <<T as pallet_transaction_payment::Config>::OnChargeTransaction as OnChargeTransaction<
	T,
>>::Balance;

/// What [`ChargeSponsored`] needs of the runtime: this pallet and transaction payment.
pub trait SponsoredConfig: Config + pallet_transaction_payment::Config {}
impl<T: Config + pallet_transaction_payment::Config> SponsoredConfig for T {}

/// `InvalidTransaction::Custom` code: the fee would take the sponsor past the budget it set
/// for the signer in the current period, and the signer cannot pay it themself.
pub const OVER_BUDGET: u8 = 161;
/// `InvalidTransaction::Custom` code: a transaction the sponsor would pay for carries a tip
/// (the sponsor pays fees only, never tips), and the signer cannot pay it themself.
pub const TIP_NOT_SPONSORED: u8 = 162;

/// Charges the fee of a transaction as `pallet-transaction-payment` does, except that a call
/// that `Config::Sponsorable` lets a sponsor pay for, signed by an account that a sponsor
/// accredited in its role sponsors, is charged to the sponsor account, within the budget it set.
///
/// It stands where `ChargeTransactionPayment` stood, with the same identifier and the same
/// explicit data (the tip, compact), so every wallet signs with it unchanged: the signer's
/// own nonce, the genesis hash and the mortality protect a sponsored transaction from replay
/// as they protect any other. The fee-paid event names the sponsor account as the payer.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct ChargeSponsored<T: SponsoredConfig>(pub ChargeTransactionPayment<T>);

impl<T: SponsoredConfig> ChargeSponsored<T>
where
	<T as frame_system::Config>::RuntimeCall:
		Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
{
	/// Charge `tip` on top of the fee (never to a sponsor: a transaction with a tip is paid by
	/// its signer).
	pub fn from(tip: FeeOf<T>) -> Self {
		Self(ChargeTransactionPayment::from(tip))
	}
}

impl<T: SponsoredConfig> core::fmt::Debug for ChargeSponsored<T> {
	#[cfg(feature = "std")]
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "ChargeSponsored({:?})", self.0)
	}
	#[cfg(not(feature = "std"))]
	fn fmt(&self, _: &mut core::fmt::Formatter) -> core::fmt::Result {
		Ok(())
	}
}

/// What [`ChargeSponsored`] carries from validation to dispatch.
pub enum Val<T: SponsoredConfig> {
	/// The signer pays (or nobody: an unsigned transaction).
	Own(pallet_transaction_payment::Val<T>),
	/// The signer's sponsor pays.
	Sponsored {
		/// The sponsored signer, whose budget the fee counts against.
		patient: T::AccountId,
		/// Its sponsorship as validation found it, which dispatch charges without reading it
		/// again.
		sponsorship: SponsorshipOf<T>,
		/// The charge, to the sponsor account.
		inner: pallet_transaction_payment::Val<T>,
	},
}

/// What [`ChargeSponsored`] carries from dispatch to its end: the charge, to the signer or to
/// the sponsor account, whose unused part goes back to whoever paid it.
pub type Pre<T> = pallet_transaction_payment::Pre<T>;

fn to_balance<T: SponsoredConfig>(fee: FeeOf<T>) -> BalanceOf<T> {
	UniqueSaturatedInto::<u128>::unique_saturated_into(fee).unique_saturated_into()
}

impl<T: SponsoredConfig> TransactionExtension<<T as frame_system::Config>::RuntimeCall>
	for ChargeSponsored<T>
where
	<T as frame_system::Config>::RuntimeCall:
		Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
	<T as pallet_transaction_payment::Config>::OnChargeTransaction: OnChargeTransaction<T>,
	<T as frame_system::Config>::RuntimeCall: IsSubType<crate::Call<T>>,
{
	const IDENTIFIER: &'static str = "ChargeTransactionPayment";
	type Implicit = ();
	type Val = Val<T>;
	type Pre = Pre<T>;

	/// `ChargeTransactionPayment`'s, and for a call a sponsor may pay for, finding and
	/// charging the sponsorship.
	fn weight(&self, call: &<T as frame_system::Config>::RuntimeCall) -> Weight {
		let own = self.0.weight(call);
		if T::Sponsorable::contains(call) {
			own.saturating_add(<T as Config>::WeightInfo::charge_sponsored())
		} else {
			own
		}
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
		call: &<T as frame_system::Config>::RuntimeCall,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
		_: (),
		implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, <T as frame_system::Config>::RuntimeCall> {
		let sponsored = match origin.as_signer() {
			Some(who) if T::Sponsorable::contains(call) => {
				Pallet::<T>::paying_sponsorship(who).map(|s| (who.clone(), s))
			},
			_ => None,
		};
		let Some((patient, sponsorship)) = sponsored else {
			let (valid, inner, origin) =
				self.0.validate(origin, call, info, len, (), implication, source)?;
			return Ok((valid, Val::Own(inner), origin));
		};
		// The patient leaving the sponsorship is paid for whatever is left of the budget: no
		// sponsor keeps a patient in by lowering it.
		let leaving = matches!(
			call.is_sub_type(),
			Some(crate::Call::end_sponsorship { patient: leaver }) if *leaver == patient
		);
		let sponsored = (|| {
			if !self.0.tip().is_zero() {
				return Err(TransactionValidityError::from(InvalidTransaction::Custom(
					TIP_NOT_SPONSORED,
				)));
			}
			let payer =
				frame_system::RawOrigin::Signed(Pallet::<T>::sponsor_account(sponsorship.sponsor))
					.into();
			let (valid, inner, _) =
				self.0.validate(payer, call, info, len, (), implication, source)?;
			if let pallet_transaction_payment::Val::Charge { fee_with_tip, .. } = &inner {
				if !leaving && to_balance::<T>(*fee_with_tip) > sponsorship.remaining() {
					return Err(InvalidTransaction::Custom(OVER_BUDGET).into());
				}
			}
			Ok((valid, inner))
		})();
		match sponsored {
			Ok((valid, inner)) => {
				Ok((valid, Val::Sponsored { patient, sponsorship, inner }, origin))
			},
			// What the sponsor does not pay (a tip, past the budget, an empty sponsor account),
			// a patient who can pays themself; otherwise the sponsor's refusal stands.
			Err(refusal) => match self.0.validate(origin, call, info, len, (), implication, source)
			{
				Ok((valid, inner, origin)) => Ok((valid, Val::Own(inner), origin)),
				Err(_) => Err(refusal),
			},
		}
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
		call: &<T as frame_system::Config>::RuntimeCall,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		match val {
			Val::Own(inner) => self.0.prepare(inner, origin, call, info, len),
			Val::Sponsored { patient, sponsorship, inner } => {
				// Validation, on the same state, found the sponsor paying and the fee within the
				// budget (or the patient leaving).
				let fee = match &inner {
					pallet_transaction_payment::Val::Charge { fee_with_tip, .. } => {
						to_balance::<T>(*fee_with_tip)
					},
					_ => Zero::zero(),
				};
				Pallet::<T>::begin_paying(&patient, sponsorship, fee);
				self.0.prepare(inner, origin, call, info, len)
			},
		}
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		post_info: &PostDispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		// What the sponsorship paid, fee and deposits, is written back once; the budget pays
		// the fee as it turned out, as the sponsor's account does: what the call was charged
		// less than it was weighed for goes back to both (computed for a sponsored
		// transaction only).
		Pallet::<T>::finish_paying(|| match &pre {
			pallet_transaction_payment::Pre::Charge { tip, .. } => {
				let len = len as u32;
				let counted = pallet_transaction_payment::Pallet::<T>::compute_fee(len, info, *tip);
				let actual = pallet_transaction_payment::Pallet::<T>::compute_actual_fee(
					len, info, post_info, *tip,
				);
				to_balance::<T>(counted.saturating_sub(actual))
			},
			pallet_transaction_payment::Pre::NoCharge { .. } => Zero::zero(),
		});
		ChargeTransactionPayment::<T>::post_dispatch_details(pre, info, post_info, len, result)
	}
}
