//! Telemedicine session attestations: opened by a licensed practitioner, accepted by the
//! patient (afterwards, or in advance by signature), closed with the hash of the record.

use crate::{
	acceptance_message, Authority, Config, DocumentRef, Error, Event, Pallet, SessionAcceptanceOf,
	TokenClass, TokenDetails, TokenId, TokenOf, TokenStatus, Tokens, VersionReason,
};
use frame_support::ensure;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Verify, Zero},
	DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Open a session of practitioner `who` with `patient`, accepted at once if `acceptance`
	/// is the patient's valid signature. `who` must hold a valid licence in some profession;
	/// the session records neither the licence nor the profession.
	pub(crate) fn do_open_session(
		who: T::AccountId,
		patient: T::AccountId,
		reference: DocumentRef,
		acceptance: Option<SessionAcceptanceOf<T>>,
	) -> Result<TokenId, DispatchError> {
		ensure!(who != patient, Error::<T>::SameAccount);
		Self::any_licence(&who).map_err(Error::<T>::Licence)?;
		let mut accepted_at = None;
		if let Some(acceptance) = acceptance {
			let block = frame_system::Pallet::<T>::block_number();
			ensure!(block <= acceptance.deadline, Error::<T>::AcceptanceExpired);
			let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
			let message = acceptance_message(
				&genesis,
				&who,
				&patient,
				&reference.document_hash,
				&acceptance.deadline,
			);
			ensure!(acceptance.signature.verify(&message[..], &patient), Error::<T>::BadSignature);
			accepted_at = Some(Self::now());
		}
		let status = if accepted_at.is_some() { TokenStatus::Active } else { TokenStatus::Pending };
		let id = Self::insert_token(
			who.clone(),
			patient.clone(),
			TokenDetails::TelemedicineSession { accepted_at, closed_at: None },
			Authority::Licensed,
			status,
			reference,
			None,
		)?;
		if accepted_at.is_some() {
			Self::deposit_event(Event::SessionAccepted { token: id, practitioner: who, patient });
		}
		Ok(id)
	}

	/// Accept pending session `id` as its patient `who`.
	pub(crate) fn do_accept_session(who: &T::AccountId, id: TokenId) -> DispatchResult {
		let mut token = Self::session(id)?;
		ensure!(token.owner.as_ref() == Some(who), Error::<T>::NotOwner);
		ensure!(token.status == TokenStatus::Pending, Error::<T>::SessionNotPending);
		Self::any_licence(&token.issuer).map_err(Error::<T>::Licence)?;
		token.status = TokenStatus::Active;
		token.details =
			TokenDetails::TelemedicineSession { accepted_at: Some(Self::now()), closed_at: None };
		let practitioner = token.issuer.clone();
		Tokens::<T>::insert(id, token);
		Self::deposit_event(Event::SessionAccepted {
			token: id,
			practitioner,
			patient: who.clone(),
		});
		Ok(())
	}

	/// Close session `id` in progress as its practitioner `who`, with the record's hash.
	pub(crate) fn do_close_session(
		who: &T::AccountId,
		id: TokenId,
		record: DocumentRef,
	) -> DispatchResult {
		let mut token = Self::session(id)?;
		ensure!(token.issuer == *who, Error::<T>::NotIssuer);
		ensure!(token.status == TokenStatus::Active, Error::<T>::SessionNotInProgress);
		// As at acceptance: a practitioner whose licence ended attests nothing more.
		Self::any_licence(who).map_err(Error::<T>::Licence)?;
		Self::append_version(who, id, &mut token, record, VersionReason::SessionClosed)?;
		let accepted_at = match token.details {
			TokenDetails::TelemedicineSession { accepted_at, .. } => accepted_at,
			_ => None,
		};
		token.status = TokenStatus::Closed;
		token.details =
			TokenDetails::TelemedicineSession { accepted_at, closed_at: Some(Self::now()) };
		Tokens::<T>::insert(id, token);
		Self::deposit_event(Event::SessionClosed { token: id, record_hash: record.document_hash });
		Ok(())
	}

	/// Remove pending session `id` at the request of either party `who`; the deposit returns.
	pub(crate) fn do_cancel_session(who: &T::AccountId, id: TokenId) -> DispatchResult {
		let token = Self::session(id)?;
		ensure!(
			token.issuer == *who || token.owner.as_ref() == Some(who),
			Error::<T>::NotAuthorized
		);
		ensure!(token.status == TokenStatus::Pending, Error::<T>::SessionNotPending);
		// A pending session has exactly its first version.
		Self::remove_pending(id, &token);
		Self::deposit_event(Event::SessionCancelled { token: id, by: who.clone() });
		Ok(())
	}

	/// Session token `id`, or why it is not one.
	fn session(id: TokenId) -> Result<TokenOf<T>, DispatchError> {
		let token = Tokens::<T>::get(id).ok_or(Error::<T>::TokenNotFound)?;
		ensure!(token.class() == TokenClass::TelemedicineSession, Error::<T>::NotSupportedForClass);
		Ok(token)
	}
}
