//! A call of the runtime, typed: built from the code generated from the runtime's metadata.

pub use crate::runtime::api::runtime_types::{
	frame_system::pallet::Call as SystemCall, healthchain_runtime::RuntimeCall,
	pallet_collective::pallet::Call as CouncilCall, pallet_consent::pallet::Call as ConsentCall,
	pallet_consortium::pallet::Call as ConsortiumCall,
	pallet_health_tokens::pallet::Call as TokensCall,
	pallet_insurance::pallet::Call as InsuranceCall,
	pallet_node_authorisation::pallet::Call as NodeCall,
	pallet_registry::pallet::Call as RegistryCall, pallet_session::pallet::Call as SessionCall,
	pallet_sponsorship::pallet::Call as SponsorshipCall, pallet_sudo::pallet::Call as SudoCall,
	pallet_trial_anchoring::pallet::Call as TrialCall, pallet_utility::pallet::Call as UtilityCall,
	pallet_validator_set::pallet::Call as ValidatorSetCall,
};
use anyhow::{bail, Context, Result};
use subxt::{
	ext::scale_encode::{self, EncodeAsFields, EncodeAsType, FieldIter, TypeResolver},
	metadata::Metadata,
	transactions::Payload,
};

/// The most bytes a proposal the client makes can take.
pub const PROPOSAL_LENGTH_BOUND: u32 = 4096;

/// A call of the runtime, built from the types generated from its metadata
/// ([`crate::runtime`]): submitted as it is, wrapped in `Sudo::sudo`, or proposed to the
/// consortium council.
#[derive(Clone, Debug)]
pub struct Call(pub RuntimeCall);

impl From<RuntimeCall> for Call {
	fn from(call: RuntimeCall) -> Self {
		Call(call)
	}
}

/// A pallet's call is a call of the runtime: `RegistryCall::add_agent { .. }.into()`.
macro_rules! pallet_calls {
	($($pallet:ident: $call:ty),* $(,)?) => {$(
		impl From<$call> for Call {
			fn from(call: $call) -> Self {
				Call(RuntimeCall::$pallet(call))
			}
		}
	)*};
}

pallet_calls! {
	System: SystemCall,
	Sudo: SudoCall,
	Consortium: ConsortiumCall,
	Council: CouncilCall,
	Utility: UtilityCall,
	Session: SessionCall,
	Registry: RegistryCall,
	HealthTokens: TokensCall,
	Consent: ConsentCall,
	TrialAnchoring: TrialCall,
	Insurance: InsuranceCall,
	ValidatorSet: ValidatorSetCall,
	NodeAuthorisation: NodeCall,
	Sponsorship: SponsorshipCall,
}

impl Call {
	/// This call, dispatched by sudo (the development chain; no other has a sudo key).
	pub fn sudo(self) -> Call {
		SudoCall::sudo { call: Box::new(self.0) }.into()
	}

	/// This call, dispatched as root by the council (`consortium.dispatch_as_root`): only a
	/// motion of two thirds of the members may make it.
	pub fn as_root(self) -> Call {
		ConsortiumCall::dispatch_as_root { call: Box::new(self.0) }.into()
	}

	/// This call, proposed to the council: it executes once `threshold` members voted aye.
	pub fn propose(self, threshold: u32) -> Call {
		CouncilCall::propose {
			threshold,
			proposal: Box::new(self.0),
			length_bound: PROPOSAL_LENGTH_BOUND,
		}
		.into()
	}

	/// The call as the node's runtime describes it: encoded by its type against the node's
	/// metadata (which fails if the runtime's call no longer has this shape), named by that
	/// encoding's pallet and call. The bytes are submitted as encoded, never re-encoded.
	pub fn payload(&self, metadata: &Metadata) -> Result<Encoded> {
		let ty = metadata.outer_enums().call_enum_ty();
		let bytes = self
			.0
			.encode_as_type(ty, metadata.types())
			.context("the node's runtime has no call of this shape: is the client too old?")?;
		let [pallet_index, call_index, ..] = bytes[..] else {
			bail!("the call the client encoded has no pallet and call index")
		};
		let pallet = metadata
			.pallet_by_call_index(pallet_index)
			.context("the node's runtime has no pallet of this call")?;
		let call = pallet
			.call_variant_by_index(call_index)
			.context("the node's runtime has no call of this index")?;
		Ok(Encoded {
			pallet: pallet.name().to_owned(),
			call: call.name.clone(),
			fields: EncodedFields(bytes[2..].to_vec()),
		})
	}
}

/// A call encoded against the node's metadata ([`Call::payload`]): what subxt signs, the
/// fields written as they were encoded.
#[derive(Clone, Debug)]
pub struct Encoded {
	pallet: String,
	call: String,
	fields: EncodedFields,
}

/// The encoded fields of a call, written as they are.
#[derive(Clone, Debug)]
pub struct EncodedFields(Vec<u8>);

impl EncodeAsFields for EncodedFields {
	fn encode_as_fields_to<R: TypeResolver>(
		&self,
		_: &mut dyn FieldIter<'_, R::TypeId>,
		_: &R,
		out: &mut Vec<u8>,
	) -> Result<(), scale_encode::Error> {
		out.extend_from_slice(&self.0);
		Ok(())
	}
}

impl Payload for Encoded {
	type CallData = EncodedFields;

	fn pallet_name(&self) -> &str {
		&self.pallet
	}

	fn call_name(&self) -> &str {
		&self.call
	}

	fn call_data(&self) -> &EncodedFields {
		&self.fields
	}
}
