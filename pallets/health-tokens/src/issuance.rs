//! Issuing tokens and writing new versions of them.

use crate::{
	AccreditationInspect, Authority, BalanceOf, Config, DocumentRef, Error, Event, HoldReason,
	LicenceOf, Moment, NextTokenId, Pallet, Role, TokenByHash, TokenDetails, TokenId, TokenInfo,
	TokenOf, TokenStatus, Tokens, TokensOf, VersionInfo, VersionReason, Versions,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Issue a token of the class in `details` to `owner`, `issuer` acting in `role`.
	pub(crate) fn do_issue(
		issuer: T::AccountId,
		owner: T::AccountId,
		role: Role,
		details: TokenDetails,
		document: DocumentRef,
		valid_until: Option<Moment>,
	) -> Result<TokenId, DispatchError> {
		let class = details.class();
		ensure!(class.issuer_roles().contains(&role), Error::<T>::RoleNotAllowed);
		let organisation = Self::ensure_accredited(&issuer, role)?;
		// No agent vouches for itself (a board's agent licensing itself, then opening sessions
		// on its own word); nor does a board license its own agents (a colleague, or a second
		// key of the same agent, acting for the board: a fresh key that acts for nobody still
		// can be licensed, as any practitioner's).
		ensure!(issuer != owner, Error::<T>::SelfIssued);
		if matches!(details, TokenDetails::Licence { .. }) {
			ensure!(
				T::Accreditation::organisation_of(&owner) != Some(organisation),
				Error::<T>::SelfIssued
			);
		}
		// A licence always has a valid-until time: `issue_licence` requires one. Only a licence
		// that licenses now blocks a new one: an expired or suspended licence, or one whose
		// board is no longer accredited, must not leave a practitioner unlicensable.
		if let TokenDetails::Licence { profession } = details {
			Self::ensure_not_licensed(&owner, profession)?;
		}
		let now = Self::now();
		if let Some(until) = valid_until {
			ensure!(until > now, Error::<T>::ExpiryInPast);
		}
		let authority = Authority::Accreditation { organisation, role };
		// A licence takes effect once the practitioner accepts it (`accept_licence`).
		let status = match details {
			TokenDetails::Licence { .. } => TokenStatus::Pending,
			_ => TokenStatus::Active,
		};
		Self::insert_token(issuer, owner, details, authority, status, document, valid_until)
	}

	/// Refuse a new licence for `profession` while `practitioner` holds one that licenses now.
	pub(crate) fn ensure_not_licensed(
		practitioner: &T::AccountId,
		profession: crate::Profession,
	) -> DispatchResult {
		if let Some(existing) = LicenceOf::<T>::get(practitioner, profession) {
			ensure!(Self::licence_validity(existing).is_err(), Error::<T>::AlreadyLicensed);
		}
		Ok(())
	}

	/// Store a new token with its first version, hold its deposit from `issuer`, index it and
	/// emit [`Event::TokenIssued`]. Every check but the hash's uniqueness is the caller's.
	pub(crate) fn insert_token(
		issuer: T::AccountId,
		owner: T::AccountId,
		details: TokenDetails,
		authority: Authority,
		status: TokenStatus,
		document: DocumentRef,
		valid_until: Option<Moment>,
	) -> Result<TokenId, DispatchError> {
		let id = NextTokenId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::TokenDeposit::get();
		Self::hold(&issuer, deposit)?;

		let now = Self::now();
		let block = frame_system::Pallet::<T>::block_number();
		let token = TokenInfo {
			details,
			issuer: issuer.clone(),
			authority,
			owner: Some(owner.clone()),
			status,
			valid_until,
			issued_at: now,
			issued_block: block,
			versions: 1,
		};
		let key = token.issuer_key();
		ensure!(
			!TokenByHash::<T>::contains_key(document.document_hash, &key),
			Error::<T>::HashInUse
		);
		let version = VersionInfo {
			document,
			reason: VersionReason::Issued,
			author: issuer.clone(),
			depositor: issuer.clone(),
			deposit,
			valid_until,
			written_at: now,
			block,
		};
		NextTokenId::<T>::put(next);
		Tokens::<T>::insert(id, token);
		Versions::<T>::insert(id, 0, version);
		TokenByHash::<T>::insert(document.document_hash, key, (id, 0));
		TokensOf::<T>::insert(&owner, id, ());
		Self::deposit_event(Event::TokenIssued {
			token: id,
			class: details.class(),
			issuer,
			authority,
			owner,
			document_hash: document.document_hash,
		});
		Ok(id)
	}

	/// Write a new version of token `id` as its issuing organisation's agent `who`.
	pub(crate) fn do_update(
		who: T::AccountId,
		id: TokenId,
		document: DocumentRef,
		reason: VersionReason,
		valid_until: Option<Moment>,
	) -> DispatchResult {
		let mut token = Tokens::<T>::get(id).ok_or(Error::<T>::TokenNotFound)?;
		ensure!(token.class().updatable(), Error::<T>::NotSupportedForClass);
		ensure!(!reason.is_chain_written(), Error::<T>::NotSupportedForClass);
		Self::ensure_issuer_accredited(&who, &token)?;
		// An expired token may be renewed; a revoked or archived one is final.
		ensure!(
			matches!(token.status, TokenStatus::Active | TokenStatus::Suspended),
			Error::<T>::NotActive
		);
		if let Some(until) = valid_until {
			ensure!(until > Self::now(), Error::<T>::ExpiryInPast);
			token.valid_until = Some(until);
		}
		let version = Self::append_version(&who, id, &mut token, document, reason)?;
		Tokens::<T>::insert(id, &token);
		Self::deposit_event(Event::TokenUpdated {
			token: id,
			version,
			reason,
			document_hash: document.document_hash,
			valid_until: token.valid_until,
		});
		Ok(())
	}

	/// Append a version to `token` (stored by the caller), paid by `author`; its index.
	pub(crate) fn append_version(
		author: &T::AccountId,
		id: TokenId,
		token: &mut TokenOf<T>,
		document: DocumentRef,
		reason: VersionReason,
	) -> Result<u32, DispatchError> {
		ensure!(token.versions < T::MaxVersions::get(), Error::<T>::TooManyVersions);
		let key = token.issuer_key();
		ensure!(
			!TokenByHash::<T>::contains_key(document.document_hash, &key),
			Error::<T>::HashInUse
		);
		let index = token.versions;
		token.versions = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::VersionDeposit::get();
		Self::hold(author, deposit)?;
		let version = VersionInfo {
			document,
			reason,
			author: author.clone(),
			depositor: author.clone(),
			deposit,
			valid_until: token.valid_until,
			written_at: Self::now(),
			block: frame_system::Pallet::<T>::block_number(),
		};
		Versions::<T>::insert(id, index, version);
		TokenByHash::<T>::insert(document.document_hash, key, (id, index));
		Ok(index)
	}

	/// Hold `amount` from `who` for a token or version.
	pub(crate) fn hold(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		T::Currency::hold(&HoldReason::TokenDeposit.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Release a version's deposit to its depositor.
	pub(crate) fn release(version: &crate::VersionOf<T>) -> DispatchResult {
		T::Currency::release(
			&HoldReason::TokenDeposit.into(),
			&version.depositor,
			version.deposit,
			Precision::BestEffort,
		)
		.map(|_| ())
	}

	/// The organisation for which `who` may act in `role` now, or the precise reason why not.
	pub(crate) fn ensure_accredited(
		who: &T::AccountId,
		role: Role,
	) -> Result<crate::OrganisationId, Error<T>> {
		T::Accreditation::ensure_accredited(who, role).map_err(Error::<T>::Accreditation)
	}

	/// Check that `who` acts for the organisation that issued `token`, whatever that
	/// organisation's accreditation now (for revocation and suspension).
	pub(crate) fn ensure_issuer(who: &T::AccountId, token: &TokenOf<T>) -> DispatchResult {
		match token.authority {
			Authority::Accreditation { organisation, .. } => ensure!(
				T::Accreditation::organisation_of(who) == Some(organisation),
				Error::<T>::NotIssuer
			),
			Authority::Licensed => ensure!(*who == token.issuer, Error::<T>::NotIssuer),
		}
		Ok(())
	}

	/// Check that `who` acts for the organisation that issued `token` and that the
	/// organisation is still accredited for the role it issued in (for new versions and
	/// reinstatement).
	pub(crate) fn ensure_issuer_accredited(
		who: &T::AccountId,
		token: &TokenOf<T>,
	) -> DispatchResult {
		Self::ensure_issuer(who, token)?;
		if let Authority::Accreditation { role, .. } = token.authority {
			Self::ensure_accredited(who, role)?;
		}
		Ok(())
	}
}
