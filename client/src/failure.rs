//! Why the chain refused a transaction, named from the runtime's own types: its validation's
//! `TransactionInvalid`/`TransactionUnknown`, or the `DispatchError` of a failed dispatch
//! (the transaction's, or that of the call sudo or the council dispatched for it).

use crate::{
	chain::Config,
	config::MetadataHash,
	runtime::api::{
		self,
		runtime_types::sp_runtime::{DispatchError as RuntimeDispatchError, TokenError},
	},
};
use anyhow::Result;
use serde::Serialize;
use subxt::{
	events::Event,
	metadata::Metadata,
	transactions::{TransactionInvalid, TransactionUnknown, ValidationResult},
};

/// Why the chain refused a transaction: `error` is `pallet.Error` (e.g.
/// `registry.NotAuthorized`) or a dispatch error's name (`BadOrigin`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Failure {
	/// The error's identifier.
	pub error: String,
	/// What it means, from the runtime's documentation.
	pub message: String,
}

impl core::fmt::Display for Failure {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "{}: {}", self.error, self.message)
	}
}

impl std::error::Error for Failure {}

impl Failure {
	/// The id of a refusal whose outcome the node did not settle: the connection failed while
	/// submitting, or the pool dropped, usurped or refused the transaction after it was
	/// submitted (a finality timeout is reported so too). It may still be included.
	pub const UNSETTLED: &'static str = "Invalid";

	/// Whether the chain certainly did not apply the transaction: refused when validated before
	/// it was submitted (`Invalid.Payment`, …), or included with a dispatch error. A client that
	/// wrote something before submitting (a credential, a log's records) undoes it only then.
	pub fn is_definite(&self) -> bool {
		self.error != Self::UNSETTLED
	}

	/// The refusal a dispatch error of the runtime stands for: a pallet's error by its name
	/// and documentation (with the inner error of a nested one), or the dispatch error's kind.
	pub fn from_dispatch_error(error: &RuntimeDispatchError, metadata: &Metadata) -> Self {
		use RuntimeDispatchError as E;
		let (error, message) = match error {
			E::Module(module) => {
				return Self::from_module_error(module.index, module.error, metadata)
			},
			E::BadOrigin => (
				"BadOrigin".into(),
				"the signer is not allowed to make this call (e.g. a consortium-only call signed \
				 by an ordinary account)",
			),
			E::Token(token) => (format!("Token.{token:?}"), token_message(token)),
			E::Arithmetic(arithmetic) => (
				format!("Arithmetic.{arithmetic:?}"),
				"an amount over- or underflowed: the values of the call are out of range",
			),
			E::Transactional(_) => {
				("Transactional".into(), "the call nested too many storage transactions")
			},
			E::CannotLookup => ("CannotLookup".into(), "an address of the call names no account"),
			E::ConsumerRemaining => (
				"ConsumerRemaining".into(),
				"the account cannot be removed while something still depends on it",
			),
			E::NoProviders => {
				("NoProviders".into(), "the account does not exist: it holds no balance")
			},
			E::TooManyConsumers => {
				("TooManyConsumers".into(), "too many things depend on the account already")
			},
			E::Exhausted => {
				("Exhausted".into(), "the block's resources are exhausted: retry later")
			},
			E::Corruption => ("Corruption".into(), "the chain's state is inconsistent"),
			E::Unavailable => ("Unavailable".into(), "a resource the call needs is unavailable"),
			E::RootNotAllowed => {
				("RootNotAllowed".into(), "the root origin may not make this call")
			},
			E::Trie(trie) => (format!("Trie.{trie:?}"), "a storage proof is invalid"),
			E::Other => ("Other".into(), "the runtime refused the call without naming a reason"),
		};
		Failure { error, message: message.into() }
	}

	/// Pallet `index`'s error `error` (`[variant, inner variant, ..]`, how FRAME encodes a
	/// `ModuleError`), named and explained from the runtime's metadata.
	fn from_module_error(index: u8, error: [u8; 4], metadata: &Metadata) -> Self {
		let Some((pallet, variant)) = metadata.pallet_by_error_index(index).and_then(|pallet| {
			Some((pallet.name().to_lowercase(), pallet.error_variant_by_index(error[0])?))
		}) else {
			return Failure {
				error: "UnknownModuleError".into(),
				message: format!(
					"pallet {index} error {error:?}, which this runtime does not name"
				),
			};
		};
		let outer = variant.docs.join(" ").trim().to_string();
		match nested_error(variant, error[1], metadata) {
			// `Error::Licence(LicenceError::Suspended)`: `healthtokens.Licence.Suspended`, the
			// outer error's context and the inner error's reason.
			Some((name, inner)) => Failure {
				error: format!("{pallet}.{}.{name}", variant.name),
				message: format!(
					"{}: {}",
					outer.trim_end_matches("; the inner error says why."),
					inner
				),
			},
			None => Failure { error: format!("{pallet}.{}", variant.name), message: outer },
		}
	}

	/// Why the runtime refused a transaction before inclusion, by the kind its validation
	/// answered (`TaggedTransactionQueue_validate_transaction`), with the reason named when it
	/// is the metadata hash the transaction was signed with.
	pub(crate) fn from_validation(
		result: ValidationResult,
		metadata_hash: Option<MetadataHash>,
	) -> Self {
		use TransactionInvalid as I;
		let (error, message) = match result {
			ValidationResult::Invalid(I::BadProof) if metadata_hash.is_some() => (
				"MetadataHashMismatch".into(),
				format!(
					"the runtime refused the signature: its metadata hash is not {} (the hash \
					 signed), so the metadata the transaction was built from is not the \
					 runtime's",
					crate::hash::Hash32(metadata_hash.unwrap_or_default())
				),
			),
			ValidationResult::Unknown(TransactionUnknown::CannotLookup)
				if metadata_hash.is_some() =>
			(
				"MetadataHashUnsupported".into(),
				"this runtime was built without the `metadata-hash` feature, so it cannot check a \
				 metadata hash: sign without --metadata-hash"
					.into(),
			),
			// The sponsorship pallet's refusals of a sponsored transaction (its `OVER_BUDGET`
			// and `TIP_NOT_SPONSORED`).
			ValidationResult::Invalid(I::Custom(161)) => (
				"Sponsorship.OverBudget".into(),
				"the fee would take the signer's sponsor past the budget it set for this account 				 today: nothing was paid; the sponsor can raise it (`sponsorship set-budget`), or 				 try again tomorrow"
					.into(),
			),
			ValidationResult::Invalid(I::Custom(162)) => (
				"Sponsorship.TipNotSponsored".into(),
				"a sponsor pays fees, never tips: sign without a tip".into(),
			),
			ValidationResult::Invalid(invalid) => {
				let message = match &invalid {
					I::Payment => "the signer cannot pay the transaction fee (and no sponsor pays 					               for this call: `healthchain sponsorship show`)",
					I::BadProof => "the signature is invalid",
					I::Stale => "the nonce was used already (a transaction of the signer was \
					             included meanwhile): submit again",
					I::Future => "the nonce is ahead of the signer's next one",
					I::AncientBirthBlock => "the transaction's mortality period is over",
					I::ExhaustsResources => "the transaction does not fit in a block now",
					I::Call => "the call is not allowed as a transaction",
					I::BadSigner => "the signer may not sign this transaction",
					_ => "the runtime refused the transaction",
				};
				(format!("Invalid.{invalid:?}"), message.into())
			},
			ValidationResult::Unknown(unknown) => (
				format!("Unknown.{unknown:?}"),
				"the runtime could not validate the transaction".into(),
			),
			ValidationResult::Valid(_) => ("Valid".into(), "the transaction is valid".into()),
		};
		Failure { error, message }
	}
}

/// What a token (balance) error means for the signer.
fn token_message(error: &TokenError) -> &'static str {
	match error {
		TokenError::FundsUnavailable => "the account's free balance is too low",
		TokenError::OnlyProvider => "the account would be removed, and something depends on it",
		TokenError::BelowMinimum => "the amount is below the existential deposit",
		TokenError::CannotCreate => "the account cannot be created",
		TokenError::Frozen => "the funds are frozen",
		TokenError::Blocked => "the account is blocked",
		_ => "a balance operation failed",
	}
}

/// The name and docs of the inner error of a nested pallet error (`Error::Licence(LicenceError)`,
/// a `PalletError`): the variant of the outer variant's one field's enum type whose index is
/// `index`, the byte after the outer error's index. `None` for an error without a field.
fn nested_error(
	outer: &scale_info::Variant<scale_info::form::PortableForm>,
	index: u8,
	metadata: &Metadata,
) -> Option<(String, String)> {
	let [field] = outer.fields.as_slice() else { return None };
	let scale_info::TypeDef::Variant(inner) = &metadata.types().resolve(field.ty.id)?.type_def
	else {
		return None;
	};
	let variant = inner.variants.iter().find(|variant| variant.index == index)?;
	Some((variant.name.clone(), variant.docs.join(" ").trim().to_string()))
}

/// The dispatch error an event reports, if it reports a failed dispatch: the transaction's own
/// (`System::ExtrinsicFailed`), or that of the call sudo, the council or the council as root
/// (`Consortium::DispatchedAsRoot`) dispatched for it.
pub(crate) fn dispatch_failure(event: &Event<'_, Config>) -> Result<Option<RuntimeDispatchError>> {
	use api::{
		consortium::events::DispatchedAsRoot, council::events::Executed, sudo::events::Sudid,
		system::events::ExtrinsicFailed,
	};
	if let Some(failed) = event.decode_fields_as::<ExtrinsicFailed>() {
		return Ok(Some(failed?.dispatch_error));
	}
	if let Some(sudid) = event.decode_fields_as::<Sudid>() {
		return Ok(sudid?.sudo_result.err());
	}
	if let Some(executed) = event.decode_fields_as::<Executed>() {
		return Ok(executed?.result.err());
	}
	if let Some(dispatched) = event.decode_fields_as::<DispatchedAsRoot>() {
		return Ok(dispatched?.result.err());
	}
	Ok(None)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::runtime::api::runtime_types::sp_runtime::ModuleError;
	use codec::Encode;
	use healthchain_primitives::LicenceError;

	/// The metadata the client is generated from (the runtime's, as tests elsewhere check).
	fn metadata() -> Metadata {
		Metadata::decode_from(include_bytes!("../metadata/healthchain.scale")).expect("decodes")
	}

	/// The module error `pallet::Error::name`, with `inner` as its nested error's index.
	fn module_error(metadata: &Metadata, pallet: &str, name: &str, inner: u8) -> ModuleError {
		let pallet = metadata.pallet_by_name(pallet).expect("the pallet");
		let variant = pallet
			.error_variants()
			.and_then(|variants| variants.iter().find(|v| v.name == name))
			.expect("the error");
		ModuleError { index: pallet.error_index(), error: [variant.index, inner, 0, 0] }
	}

	#[test]
	fn pallet_errors_are_named_with_their_docs() {
		let metadata = metadata();
		let error = module_error(&metadata, "Registry", "NotAuthorized", 0);
		let failure = Failure::from_dispatch_error(&RuntimeDispatchError::Module(error), &metadata);
		assert_eq!(failure.error, "registry.NotAuthorized");
		assert!(failure.message.contains("admin"), "{}", failure.message);
	}

	#[test]
	fn nested_errors_name_the_inner_reason() {
		let metadata = metadata();
		let suspended = LicenceError::Suspended.encode()[0];
		let error = module_error(&metadata, "HealthTokens", "Licence", suspended);
		let failure = Failure::from_dispatch_error(&RuntimeDispatchError::Module(error), &metadata);
		assert_eq!(failure.error, "healthtokens.Licence.Suspended");
		assert!(failure.message.contains(": "), "outer and inner docs: {}", failure.message);
	}

	#[test]
	fn other_dispatch_errors_are_named_by_kind() {
		let metadata = metadata();
		let funds = RuntimeDispatchError::Token(TokenError::FundsUnavailable);
		assert_eq!(Failure::from_dispatch_error(&funds, &metadata).error, "Token.FundsUnavailable");
		let origin = Failure::from_dispatch_error(&RuntimeDispatchError::BadOrigin, &metadata);
		assert_eq!(origin.error, "BadOrigin");
		let unknown = module_error(&metadata, "Registry", "OrganisationNotFound", 0);
		let unknown = ModuleError { index: 250, ..unknown };
		let failure =
			Failure::from_dispatch_error(&RuntimeDispatchError::Module(unknown), &metadata);
		assert_eq!(failure.error, "UnknownModuleError");
	}

	#[test]
	fn refusals_before_inclusion_are_named_by_their_kind() {
		let payment = ValidationResult::Invalid(TransactionInvalid::Payment);
		let failure = Failure::from_validation(payment, None);
		assert_eq!(failure.error, "Invalid.Payment");
		assert!(failure.message.contains("fee"), "{}", failure.message);
		let stale =
			Failure::from_validation(ValidationResult::Invalid(TransactionInvalid::Stale), None);
		assert_eq!(stale.error, "Invalid.Stale");
		// A sponsored transaction the sponsorship pallet refuses, by name.
		let over = Failure::from_validation(
			ValidationResult::Invalid(TransactionInvalid::Custom(161)),
			None,
		);
		assert_eq!(over.error, "Sponsorship.OverBudget");
		assert!(over.message.contains("budget"), "{}", over.message);
		let tip = Failure::from_validation(
			ValidationResult::Invalid(TransactionInvalid::Custom(162)),
			None,
		);
		assert_eq!(tip.error, "Sponsorship.TipNotSponsored");
		// Refused before submission: settled. Dropped or refused by the pool after it: unsettled.
		assert!(failure.is_definite() && stale.is_definite());
		let dropped = Failure { error: Failure::UNSETTLED.into(), message: "dropped".into() };
		assert!(!dropped.is_definite());
		// With a metadata hash signed, a bad proof is the hash, and a failed lookup is a
		// runtime that cannot check one.
		let bad = ValidationResult::Invalid(TransactionInvalid::BadProof);
		assert_eq!(
			Failure::from_validation(bad.clone(), Some([7; 32])).error,
			"MetadataHashMismatch"
		);
		assert_eq!(Failure::from_validation(bad, None).error, "Invalid.BadProof");
		let lookup = ValidationResult::Unknown(TransactionUnknown::CannotLookup);
		assert_eq!(
			Failure::from_validation(lookup.clone(), Some([7; 32])).error,
			"MetadataHashUnsupported"
		);
		assert_eq!(Failure::from_validation(lookup, None).error, "Unknown.CannotLookup");
	}
}
