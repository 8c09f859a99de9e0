//! A call of the runtime, typed: built from the code generated from the runtime's metadata.

use crate::runtime::api::runtime_types::{
	healthchain_runtime::RuntimeCall, pallet_collective::pallet::Call as CouncilCall,
	pallet_consortium::pallet::Call as ConsortiumCall, pallet_sudo::pallet::Call as SudoCall,
};
use anyhow::{bail, Context, Result};
use subxt::{
	ext::{
		scale_encode::EncodeAsType,
		scale_value::{scale::decode_as_type, Composite, ValueDef},
	},
	metadata::Metadata,
	transactions::DynamicPayload,
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

impl Call {
	/// This call, dispatched by sudo (the development chain; no other has a sudo key).
	pub fn sudo(self) -> Call {
		Call(RuntimeCall::Sudo(SudoCall::sudo { call: Box::new(self.0) }))
	}

	/// This call, dispatched as root by the council (`consortium.dispatch_as_root`): only a
	/// motion of two thirds of the members may make it.
	pub fn as_root(self) -> Call {
		Call(RuntimeCall::Consortium(ConsortiumCall::dispatch_as_root { call: Box::new(self.0) }))
	}

	/// This call, proposed to the council: it executes once `threshold` members voted aye.
	pub fn propose(self, threshold: u32) -> Call {
		Call(RuntimeCall::Council(CouncilCall::propose {
			threshold,
			proposal: Box::new(self.0),
			length_bound: PROPOSAL_LENGTH_BOUND,
		}))
	}

	/// The call as the node's runtime describes it: encoded by its type against the node's
	/// metadata (which fails if the runtime's call no longer has this shape), named by
	/// that encoding's pallet and call.
	pub fn payload(&self, metadata: &Metadata) -> Result<DynamicPayload<Composite<()>>> {
		let ty = metadata.outer_enums().call_enum_ty();
		let bytes = self
			.0
			.encode_as_type(ty, metadata.types())
			.context("the node's runtime has no call of this shape: is the client too old?")?;
		let value = decode_as_type(&mut &bytes[..], ty, metadata.types())
			.context("cannot decode the call the client encoded")?
			.remove_context();
		let ValueDef::Variant(pallet) = value.value else {
			bail!("the runtime's call type is not an enum of pallets")
		};
		let Some(ValueDef::Variant(call)) = pallet.values.into_values().next().map(|v| v.value)
		else {
			bail!("the runtime's {} call is not an enum of calls", pallet.name)
		};
		Ok(subxt::dynamic::tx(pallet.name, call.name, call.values))
	}
}
