//! Status changes: revocation, suspension and reinstatement by the issuer (revocation also by
//! the consortium); archiving, refusal and transfer by the owner; a licence's acceptance by
//! its practitioner.

use crate::{
	Authority, Config, Error, Event, LicenceOf, Pallet, RevocationReason, TokenByHash,
	TokenDetails, TokenEffectiveStatus, TokenId, TokenStatus, Tokens, TokensOf, Versions,
};
use frame_support::{ensure, traits::Contains};
use healthchain_primitives::AccreditationInspect;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Revoke certificate or licence `id` as an agent `who` of its issuing organisation, or, if
	/// `who` is `None`, as the consortium. A pending licence, which never took effect, is
	/// withdrawn: removed (so that its practitioner can no longer accept it, and no revocation
	/// stays under an account that never asked for the licence).
	pub(crate) fn do_revoke(
		who: Option<&T::AccountId>,
		id: TokenId,
		reason: RevocationReason,
	) -> DispatchResult {
		let mut token = Tokens::<T>::get(id).ok_or(Error::<T>::TokenNotFound)?;
		ensure!(token.class().revocable(), Error::<T>::NotSupportedForClass);
		if let Some(who) = who {
			Self::ensure_issuer(who, &token)?;
		}
		if token.status == TokenStatus::Pending {
			Self::remove_pending(id, &token);
			Self::deposit_event(Event::TokenRevoked { token: id, reason, by: who.cloned() });
			return Ok(());
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
		let mut token = Tokens::<T>::get(id).ok_or(Error::<T>::TokenNotFound)?;
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
		let mut token = Tokens::<T>::get(id).ok_or(Error::<T>::TokenNotFound)?;
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
		let mut token = Tokens::<T>::get(id).ok_or(Error::<T>::TokenNotFound)?;
		ensure!(token.class().archivable(), Error::<T>::NotSupportedForClass);
		ensure!(token.owner.as_ref() == Some(who), Error::<T>::NotOwner);
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

	/// Refuse token `id` at the request of its owner `who`: a pending session or licence is
	/// removed (its version, hash index and deposit); any other token is taken out of the
	/// owner's list and names no owner any more, its versions kept for whoever holds its
	/// documents (and, if it was revoked, still read as revoked).
	pub(crate) fn do_refuse(who: &T::AccountId, id: TokenId) -> DispatchResult {
		let mut token = Tokens::<T>::get(id).ok_or(Error::<T>::TokenNotFound)?;
		ensure!(token.owner.as_ref() == Some(who), Error::<T>::NotOwner);
		if token.status == TokenStatus::Pending {
			Self::remove_pending(id, &token);
		} else {
			ensure!(token.class().refusable(), Error::<T>::NotSupportedForClass);
			TokensOf::<T>::remove(who, id);
			token.owner = None;
			if !matches!(token.status, TokenStatus::Revoked { .. }) {
				token.status = TokenStatus::Refused;
			}
			Tokens::<T>::insert(id, token);
		}
		Self::deposit_event(Event::TokenRefused { token: id, owner: who.clone() });
		Ok(())
	}

	/// Remove pending token `id` (a session or licence nobody accepted): its single version,
	/// its hash index and its listing; the deposit returns.
	pub(crate) fn remove_pending(id: TokenId, token: &crate::TokenOf<T>) {
		if let Some(version) = Versions::<T>::take(id, 0) {
			TokenByHash::<T>::remove(version.document.document_hash, token.issuer_key());
			// Held when the token was issued, so releasing it cannot fail but for a bug; the
			// token goes whatever.
			let _ = Self::release(&version);
		}
		if let Some(owner) = &token.owner {
			TokensOf::<T>::remove(owner, id);
		}
		Tokens::<T>::remove(id);
	}

	/// Accept pending licence `id` as the practitioner `who` it names.
	pub(crate) fn do_accept_licence(who: &T::AccountId, id: TokenId) -> DispatchResult {
		let mut token = Tokens::<T>::get(id).ok_or(Error::<T>::TokenNotFound)?;
		let TokenDetails::Licence { profession } = token.details else {
			return Err(Error::<T>::NotSupportedForClass.into());
		};
		ensure!(token.owner.as_ref() == Some(who), Error::<T>::NotOwner);
		ensure!(token.status == TokenStatus::Pending, Error::<T>::NotPending);
		Self::ensure_not_licensed(who, profession)?;
		token.status = TokenStatus::Active;
		Tokens::<T>::insert(id, token);
		LicenceOf::<T>::insert(who, profession, id);
		Self::deposit_event(Event::LicenceAccepted { token: id, practitioner: who.clone() });
		Ok(())
	}

	/// Admin `who` of the organisation that issued token `id` takes over the deposit of its
	/// version `index`: held from `who` first (so that nothing changes if they cannot pay),
	/// then released from the previous depositor.
	pub(crate) fn do_change_deposit_owner(
		who: T::AccountId,
		id: TokenId,
		index: u32,
	) -> DispatchResult {
		let token = Tokens::<T>::get(id).ok_or(Error::<T>::TokenNotFound)?;
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
		let mut token = Tokens::<T>::get(id).ok_or(Error::<T>::TokenNotFound)?;
		ensure!(token.owner.as_ref() == Some(who), Error::<T>::NotOwner);
		// A licence is its holder's whatever the runtime says (and is indexed by holder).
		let transferable = T::TransferableClasses::contains(&token.class())
			&& !matches!(token.details, TokenDetails::Licence { .. });
		ensure!(transferable, Error::<T>::NonTransferable);
		ensure!(
			token.effective_status(Self::now()) == TokenEffectiveStatus::Active,
			Error::<T>::NotActive
		);
		TokensOf::<T>::remove(who, id);
		TokensOf::<T>::insert(&to, id, ());
		token.owner = Some(to.clone());
		let from = who.clone();
		Tokens::<T>::insert(id, token);
		Self::deposit_event(Event::TokenTransferred { token: id, from, to });
		Ok(())
	}
}
