//! Status changes: revocation, suspension and reinstatement by the issuer (revocation also by
//! the consortium); archiving, refusal and transfer by the owner.

use crate::{
	Authority, Config, Error, Event, Pallet, RevocationReason, TokenByHash, TokenDetails,
	TokenEffectiveStatus, TokenId, TokenStatus, Tokens, TokensOf, Versions,
};
use frame_support::{ensure, traits::Contains};
use healthchain_primitives::AccreditationInspect;
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Revoke certificate or licence `id` as an agent `who` of its issuing organisation, or, if
	/// `who` is `None`, as the consortium.
	pub(crate) fn do_revoke(
		who: Option<&T::AccountId>,
		id: TokenId,
		reason: RevocationReason,
	) -> DispatchResult {
		let mut token = Tokens::<T>::get(id).ok_or(Error::<T>::NotFound)?;
		ensure!(token.class().revocable(), Error::<T>::NotSupportedForClass);
		if let Some(who) = who {
			Self::ensure_issuer(who, &token)?;
		}
		// An expired or suspended token can still be revoked: revocation is final, expiry not.
		ensure!(
			matches!(token.status, TokenStatus::Active | TokenStatus::Suspended),
			Error::<T>::NotActive
		);
		token.status = TokenStatus::Revoked { reason };
		Tokens::<T>::insert(id, token);
		Self::deposit_event(Event::TokenRevoked { token: id, reason, by: who.cloned() });
		Ok(())
	}

	/// Suspend licence `id` as an agent `who` of its issuing organisation.
	pub(crate) fn do_suspend(who: &T::AccountId, id: TokenId) -> DispatchResult {
		let mut token = Tokens::<T>::get(id).ok_or(Error::<T>::NotFound)?;
		ensure!(token.class().suspendable(), Error::<T>::NotSupportedForClass);
		Self::ensure_issuer(who, &token)?;
		match token.status {
			TokenStatus::Active => {},
			TokenStatus::Suspended => return Err(Error::<T>::AlreadySuspended.into()),
			_ => return Err(Error::<T>::NotActive.into()),
		}
		token.status = TokenStatus::Suspended;
		Tokens::<T>::insert(id, token);
		Self::deposit_event(Event::TokenSuspended { token: id, by: who.clone() });
		Ok(())
	}

	/// Lift the suspension of licence `id` as an agent `who` of its still-accredited issuer.
	pub(crate) fn do_reinstate(who: &T::AccountId, id: TokenId) -> DispatchResult {
		let mut token = Tokens::<T>::get(id).ok_or(Error::<T>::NotFound)?;
		ensure!(token.class().suspendable(), Error::<T>::NotSupportedForClass);
		Self::ensure_issuer_accredited(who, &token)?;
		ensure!(token.status == TokenStatus::Suspended, Error::<T>::NotSuspended);
		token.status = TokenStatus::Active;
		Tokens::<T>::insert(id, token);
		Self::deposit_event(Event::TokenReinstated { token: id, by: who.clone() });
		Ok(())
	}

	/// Archive record or certificate `id` as its owner `who`.
	pub(crate) fn do_archive(who: &T::AccountId, id: TokenId) -> DispatchResult {
		let mut token = Tokens::<T>::get(id).ok_or(Error::<T>::NotFound)?;
		ensure!(token.class().archivable(), Error::<T>::NotSupportedForClass);
		ensure!(token.owner == *who, Error::<T>::NotOwner);
		// Whatever else it is, an owner may put away anything not yet archived or revoked.
		ensure!(
			matches!(token.status, TokenStatus::Active | TokenStatus::Suspended),
			Error::<T>::NotActive
		);
		token.status = TokenStatus::Archived;
		Tokens::<T>::insert(id, token);
		Self::deposit_event(Event::TokenArchived { token: id, owner: who.clone() });
		Ok(())
	}

	/// Remove record or certificate `id` at the request of its owner `who`, who did not want it:
	/// the token, its versions and their hash index are deleted, and each version's deposit
	/// returns to its depositor.
	/// How many versions it removed.
	pub(crate) fn do_refuse(who: &T::AccountId, id: TokenId) -> Result<u32, DispatchError> {
		let token = Tokens::<T>::get(id).ok_or(Error::<T>::NotFound)?;
		ensure!(token.class().refusable(), Error::<T>::NotSupportedForClass);
		ensure!(token.owner == *who, Error::<T>::NotOwner);
		// A revocation stays on record: a verifier holding the document must be told.
		ensure!(!matches!(token.status, TokenStatus::Revoked { .. }), Error::<T>::NotActive);
		for index in 0..token.versions {
			let Some(version) = Versions::<T>::take(id, index) else { continue };
			TokenByHash::<T>::remove(version.document.document_hash);
			Self::release(&version)?;
		}
		TokensOf::<T>::remove(who, id);
		Tokens::<T>::remove(id);
		Self::deposit_event(Event::TokenRefused { token: id, owner: who.clone() });
		Ok(token.versions)
	}

	/// Admin `who` of the organisation that issued token `id` takes over the deposit of its
	/// version `index`: held from `who` first (so that nothing changes if they cannot pay),
	/// then released from the previous depositor.
	pub(crate) fn do_change_deposit_owner(
		who: T::AccountId,
		id: TokenId,
		index: u32,
	) -> DispatchResult {
		let token = Tokens::<T>::get(id).ok_or(Error::<T>::NotFound)?;
		let Authority::Accreditation { organisation, .. } = token.authority else {
			return Err(Error::<T>::NotSupportedForClass.into());
		};
		ensure!(
			T::Accreditation::admin_of(organisation) == Some(who.clone()),
			Error::<T>::NotAdmin
		);
		let mut version = Versions::<T>::get(id, index).ok_or(Error::<T>::VersionNotFound)?;
		ensure!(version.depositor != who, Error::<T>::AlreadyDepositor);
		Self::hold(&who, version.deposit)?;
		Self::release(&version)?;
		let from = core::mem::replace(&mut version.depositor, who.clone());
		Versions::<T>::insert(id, index, version);
		Self::deposit_event(Event::DepositOwnerChanged {
			token: id,
			version: index,
			from,
			to: who,
		});
		Ok(())
	}

	/// Transfer token `id` from its owner `who` to `to`, if its class is transferable.
	pub(crate) fn do_transfer(who: &T::AccountId, id: TokenId, to: T::AccountId) -> DispatchResult {
		let mut token = Tokens::<T>::get(id).ok_or(Error::<T>::NotFound)?;
		ensure!(token.owner == *who, Error::<T>::NotOwner);
		// A licence is its holder's whatever the runtime says (and is indexed by holder).
		let transferable = T::TransferableClasses::contains(&token.class())
			&& !matches!(token.details, TokenDetails::Licence { .. });
		ensure!(transferable, Error::<T>::NonTransferable);
		ensure!(
			token.effective_status(Self::now()) == TokenEffectiveStatus::Active,
			Error::<T>::NotActive
		);
		TokensOf::<T>::remove(&token.owner, id);
		TokensOf::<T>::insert(&to, id, ());
		let from = core::mem::replace(&mut token.owner, to.clone());
		Tokens::<T>::insert(id, token);
		Self::deposit_event(Event::TokenTransferred { token: id, from, to });
		Ok(())
	}
}
