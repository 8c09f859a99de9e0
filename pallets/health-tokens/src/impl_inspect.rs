//! The ledger's answers to other pallets ([`LicenceInspect`]) and to the runtime API, and its
//! storage invariants.

use crate::{
	AccreditationInspect, Authority, Config, Issuer, LicenceCheck, LicenceError, LicenceInspect,
	LicenceOf, Page, Pallet, Profession, TokenByHash, TokenClass, TokenDetails,
	TokenEffectiveStatus, TokenId, TokenInspect, TokenOf, TokenView, Tokens, TokensOf, Verdict,
	Verification, VersionOf, Versions,
};
use alloc::vec::Vec;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;

impl<T: Config> Pallet<T> {
	/// The licence under which `who` may practise `profession` now, or why not.
	pub fn check_licence(
		who: &T::AccountId,
		profession: Profession,
	) -> Result<TokenId, LicenceError> {
		let licence = LicenceOf::<T>::get(who, profession).ok_or(LicenceError::NotLicensed)?;
		Self::licence_validity(licence).map(|_| licence)
	}

	/// Whether licence token `licence` licenses its holder now, and for which profession; or
	/// why not: active, unexpired, its board still accredited to license, and its holder not
	/// an agent of that board.
	pub fn licence_validity(licence: TokenId) -> Result<Profession, LicenceError> {
		let token = Tokens::<T>::get(licence).ok_or(LicenceError::NotLicensed)?;
		let TokenDetails::Licence { profession } = token.details else {
			return Err(LicenceError::NotLicensed);
		};
		match token.effective_status(Self::now()) {
			TokenEffectiveStatus::Active => {},
			TokenEffectiveStatus::Suspended => return Err(LicenceError::Suspended),
			TokenEffectiveStatus::Revoked => return Err(LicenceError::Revoked),
			TokenEffectiveStatus::Expired => return Err(LicenceError::Expired),
			_ => return Err(LicenceError::NotLicensed),
		}
		if !Self::authority_holds(&token) {
			return Err(LicenceError::IssuerNotAccredited);
		}
		// Checked when used, not only at issuance (`SelfIssued`): a practitioner who joined
		// their board after being licensed by it would otherwise act on its own word.
		if let (Some(holder), Authority::Accreditation { organisation, .. }) =
			(&token.owner, &token.authority)
		{
			if T::Accreditation::organisation_of(holder) == Some(*organisation) {
				return Err(LicenceError::SelfLicensed);
			}
		}
		Ok(profession)
	}

	/// Some licence under which `who` may practise now, in the first profession (in index
	/// order) they are licensed for; or why none (the reason for the first profession in which
	/// `who` holds a licence at all). At most one read per profession.
	pub fn any_licence(who: &T::AccountId) -> Result<(TokenId, Profession), LicenceError> {
		let mut first_error = None;
		for profession in Profession::ALL {
			match Self::check_licence(who, profession) {
				Ok(licence) => return Ok((licence, profession)),
				Err(LicenceError::NotLicensed) => {},
				Err(error) => {
					first_error.get_or_insert(error);
				},
			}
		}
		Err(first_error.unwrap_or(LicenceError::NotLicensed))
	}

	/// Whether the authority `token` was issued under still holds now: its organisation is
	/// still accredited for the role, or (a session) its practitioner still holds a valid
	/// licence.
	pub fn authority_holds(token: &TokenOf<T>) -> bool {
		match token.authority {
			Authority::Accreditation { organisation, role } => {
				T::Accreditation::is_accredited(organisation, role)
			},
			// A licence's own authority is an accreditation, so this recursion ends there.
			Authority::Licensed => Self::any_licence(&token.issuer).is_ok(),
		}
	}

	/// Token `id` with its status now, for the runtime API.
	pub fn token_view(id: TokenId) -> Option<TokenView<T::AccountId, BlockNumberFor<T>>> {
		Tokens::<T>::get(id).map(|token| Self::view(id, token))
	}

	fn view(id: TokenId, token: TokenOf<T>) -> TokenView<T::AccountId, BlockNumberFor<T>> {
		TokenView {
			id,
			class: token.class(),
			effective: token.effective_status(Self::now()),
			authority_valid_now: Self::authority_holds(&token),
			token,
		}
	}

	/// Every version of token `id`, oldest first (at most `MaxVersions`).
	pub fn versions_of(id: TokenId) -> Vec<VersionOf<T>> {
		let count = Tokens::<T>::get(id).map_or(0, |token| token.versions);
		(0..count).filter_map(|index| Versions::<T>::get(id, index)).collect()
	}

	/// Up to `limit` (at most `MaxPageSize`) ids of the tokens `owner` holds, in storage order,
	/// starting after `start_after` (the last id of the previous page).
	pub fn tokens_of(
		owner: &T::AccountId,
		start_after: Option<TokenId>,
		limit: u32,
	) -> Vec<TokenId> {
		let limit = limit.min(T::MaxPageSize::get()) as usize;
		match start_after {
			Some(last) => TokensOf::<T>::iter_key_prefix_from(
				owner,
				TokensOf::<T>::hashed_key_for(owner, last),
			)
			.take(limit)
			.collect(),
			None => TokensOf::<T>::iter_key_prefix(owner).take(limit).collect(),
		}
	}

	/// The version of a token of `issuer` that anchors document hash `hash`, with everything a
	/// verifier needs.
	///
	/// Per class: a licence is in force only while its board is still accredited to license;
	/// a record, certificate or session issued while its issuer was authorized stays in force
	/// when that authority lapses, and the verdict says that the issuer is no longer
	/// authorized. A revoked or refused token is not in force, whichever of its versions the
	/// document is.
	pub fn verify(
		hash: H256,
		issuer: &Issuer<T::AccountId>,
	) -> Option<Verification<T::AccountId, BlockNumberFor<T>>> {
		let (id, version) = TokenByHash::<T>::get(hash, issuer)?;
		Self::verification(id, version)
	}

	/// Every token version that anchors document hash `hash`, each with its verification, a
	/// page after issuer `start_after` (at most `MaxPageSize`): for a verifier who does not know
	/// the document's issuer. More than one means that another issuer anchored the same hash
	/// (a copy): the document's issuer decides which is its own.
	pub fn anchors_of(
		hash: H256,
		start_after: Option<Issuer<T::AccountId>>,
		limit: u32,
	) -> Page<Verification<T::AccountId, BlockNumberFor<T>>, Issuer<T::AccountId>> {
		let limit = limit.clamp(1, T::MaxPageSize::get().max(1)) as usize;
		let entries: Vec<(Issuer<T::AccountId>, (TokenId, u32))> = match start_after {
			Some(after) => TokenByHash::<T>::iter_prefix_from(
				hash,
				TokenByHash::<T>::hashed_key_for(hash, after),
			)
			.take(limit.saturating_add(1))
			.collect(),
			None => TokenByHash::<T>::iter_prefix(hash).take(limit.saturating_add(1)).collect(),
		};
		let next = if entries.len() > limit {
			entries.get(limit.saturating_sub(1)).map(|(issuer, _)| issuer.clone())
		} else {
			None
		};
		let items = entries
			.into_iter()
			.take(limit)
			.filter_map(|(_, (id, version))| Self::verification(id, version))
			.collect();
		Page { items, next }
	}

	/// The verification of version `version` of token `id`.
	fn verification(
		id: TokenId,
		version: u32,
	) -> Option<Verification<T::AccountId, BlockNumberFor<T>>> {
		let token = Tokens::<T>::get(id)?;
		let is_current_version = version == token.current_version();
		let view = Self::view(id, token);
		let verdict = if matches!(
			view.effective,
			TokenEffectiveStatus::Revoked | TokenEffectiveStatus::Refused
		) {
			Verdict::NotInForce(view.effective)
		} else if !is_current_version {
			Verdict::Superseded
		} else if !matches!(
			view.effective,
			TokenEffectiveStatus::Active | TokenEffectiveStatus::Closed
		) {
			Verdict::NotInForce(view.effective)
		} else if view.authority_valid_now {
			Verdict::InForce
		} else if view.class == TokenClass::Licence {
			Verdict::IssuerAuthorityLapsed
		} else {
			Verdict::InForceIssuerNoLongerAuthorized
		};
		Some(Verification {
			token: view,
			version,
			is_current_version,
			authorized_at_issuance: true,
			valid_now: matches!(
				verdict,
				Verdict::InForce | Verdict::InForceIssuerNoLongerAuthorized
			),
			verdict,
		})
	}

	/// Whether `who` is licensed for `profession` now, for the runtime API.
	pub fn licence_check(who: &T::AccountId, profession: Profession) -> LicenceCheck {
		LicenceCheck {
			licence: LicenceOf::<T>::get(who, profession),
			result: Self::check_licence(who, profession),
		}
	}

	/// Check the ledger's storage invariants.
	///
	/// - every token's id is below `NextTokenId`, it has `1..=MaxVersions` versions, exactly
	///   versions `0..versions` are stored, each indexed by its hash under its issuer, and it
	///   is listed under its owner, or, refused, names none;
	/// - every hash index entry and every owner listing points at a token that agrees;
	/// - every licence index entry points at an accepted licence of that holder and
	///   profession;
	/// - only sessions and licences are pending, with their first version only; a pending
	///   session is not accepted, a closed one is closed;
	/// - what each depositor has on hold for tokens is the sum of their versions' deposits.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::TokenStatus;
		use frame_support::ensure;
		let next = crate::NextTokenId::<T>::get();
		let mut versions = 0usize;
		for (id, token) in Tokens::<T>::iter() {
			ensure!(id < next, "token id not below NextTokenId");
			ensure!(
				token.versions >= 1 && token.versions <= T::MaxVersions::get(),
				"version count out of range"
			);
			let key = token.issuer_key();
			for index in 0..token.versions {
				let version = Versions::<T>::get(id, index).ok_or("a version is missing")?;
				ensure!(
					TokenByHash::<T>::get(version.document.document_hash, &key)
						== Some((id, index)),
					"version not indexed by its hash"
				);
			}
			versions = versions.saturating_add(token.versions as usize);
			match &token.owner {
				Some(owner) => {
					ensure!(TokensOf::<T>::contains_key(owner, id), "token not listed for owner");
					ensure!(token.status != TokenStatus::Refused, "a refused token has an owner");
				},
				None => ensure!(
					matches!(token.status, TokenStatus::Refused | TokenStatus::Revoked { .. }),
					"a token without owner not refused"
				),
			}
			if token.status == TokenStatus::Pending {
				ensure!(
					matches!(token.class(), TokenClass::TelemedicineSession | TokenClass::Licence)
						&& token.versions == 1,
					"a pending token that is no new session or licence"
				);
			}
			if let TokenDetails::TelemedicineSession { accepted_at, closed_at } = token.details {
				match token.status {
					TokenStatus::Pending => {
						ensure!(accepted_at.is_none(), "pending session marked accepted")
					},
					TokenStatus::Active => ensure!(
						accepted_at.is_some() && closed_at.is_none(),
						"session in progress not accepted or closed"
					),
					TokenStatus::Closed => ensure!(
						accepted_at.is_some() && closed_at.is_some(),
						"closed session not accepted or closed"
					),
					// Refused by its patient once accepted (a pending one is removed).
					TokenStatus::Refused => {
						ensure!(accepted_at.is_some(), "refused session never accepted")
					},
					_ => return Err("session in a status sessions do not have".into()),
				}
			}
		}
		// Every stored version is a token's, and what each depositor has on hold for tokens is
		// the sum of their versions' deposits.
		let mut stored = 0usize;
		let mut deposits = alloc::collections::BTreeMap::<T::AccountId, crate::BalanceOf<T>>::new();
		for (_, _, version) in Versions::<T>::iter() {
			stored = stored.saturating_add(1);
			let total = deposits.entry(version.depositor).or_default();
			*total = sp_runtime::Saturating::saturating_add(*total, version.deposit);
		}
		ensure!(stored == versions, "a version of no token is stored");
		for (depositor, total) in deposits {
			use frame_support::traits::fungible::InspectHold;
			ensure!(
				T::Currency::balance_on_hold(&crate::HoldReason::TokenDeposit.into(), &depositor)
					== total,
				"a depositor's hold is not the sum of their versions' deposits"
			);
		}
		for (hash, issuer, (id, index)) in TokenByHash::<T>::iter() {
			let version = Versions::<T>::get(id, index).ok_or("hash index of a missing version")?;
			ensure!(
				version.document.document_hash == hash,
				"hash index disagrees with the version"
			);
			let token = Tokens::<T>::get(id).ok_or("hash index of a missing token")?;
			ensure!(token.issuer_key() == issuer, "hash index under another issuer");
		}
		for (owner, id, ()) in TokensOf::<T>::iter() {
			let token = Tokens::<T>::get(id).ok_or("owner listing of a missing token")?;
			ensure!(token.owner == Some(owner), "owner listing disagrees with the token");
		}
		for (holder, profession, id) in LicenceOf::<T>::iter() {
			let token = Tokens::<T>::get(id).ok_or("licence index of a missing token")?;
			ensure!(token.owner == Some(holder), "licence index disagrees with the holder");
			ensure!(token.status != TokenStatus::Pending, "a pending licence is indexed");
			ensure!(
				token.details == TokenDetails::Licence { profession },
				"licence index disagrees with the profession"
			);
		}
		Ok(())
	}
}

impl<T: Config> TokenInspect<T::AccountId> for Pallet<T> {
	fn owner_of(token: TokenId) -> Option<T::AccountId> {
		Tokens::<T>::get(token).and_then(|token| token.owner)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn make_token(owner: &T::AccountId) -> TokenId {
		use crate::{DocumentRef, HashAlgorithm, Role, TokenDetails};
		use frame_support::traits::fungible::Mutate;
		use sp_runtime::Saturating;
		let provider: T::AccountId = frame_benchmarking::account("token-issuer", 0, 0);
		T::Accreditation::make_accredited(&provider, Role::Provider);
		T::Currency::set_balance(&provider, T::TokenDeposit::get().saturating_mul(1_000u32.into()));
		let next = crate::NextTokenId::<T>::get();
		let hash = <sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash_of(&(
			b"benchmark-token",
			next,
		));
		let document = DocumentRef {
			document_hash: hash,
			algorithm: HashAlgorithm::Blake2_256,
			locator: None,
		};
		Self::do_issue(
			provider,
			owner.clone(),
			Role::Provider,
			TokenDetails::MedicalRecord,
			document,
			None,
		)
		.expect("an accredited, funded provider can issue a record")
	}
}

impl<T: Config> LicenceInspect<T::AccountId> for Pallet<T> {
	fn ensure_licensed(
		who: &T::AccountId,
		profession: Profession,
	) -> Result<TokenId, LicenceError> {
		Self::check_licence(who, profession)
	}

	fn licence_in_force(licence: TokenId) -> Result<Profession, LicenceError> {
		Self::licence_validity(licence)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn make_licensed(who: &T::AccountId, profession: Profession) -> TokenId {
		use crate::{DocumentRef, HashAlgorithm, Role, TokenDetails};
		use frame_support::traits::fungible::{Inspect, Mutate};
		use sp_runtime::Saturating;
		// A licensing board of its own, through the pallet's own issuance path.
		let board: T::AccountId = frame_benchmarking::account("licensing-board", 0, 0);
		T::Accreditation::make_accredited(&board, Role::LicensingBoard);
		let needed = T::TokenDeposit::get()
			.saturating_add(T::Currency::minimum_balance())
			.saturating_mul(4u32.into());
		if T::Currency::balance(&board) < needed {
			T::Currency::set_balance(&board, needed);
		}
		let hash = <sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash_of(&(
			b"licence", who, profession,
		));
		let document = DocumentRef {
			document_hash: hash,
			algorithm: HashAlgorithm::Blake2_256,
			locator: None,
		};
		let licence = Self::do_issue(
			board,
			who.clone(),
			Role::LicensingBoard,
			TokenDetails::Licence { profession },
			document,
			Some(crate::Moment::MAX),
		)
		.expect("an accredited, funded board can license a practitioner without a licence");
		Self::do_accept_licence(who, licence).expect("a practitioner accepts a pending licence");
		licence
	}
}
