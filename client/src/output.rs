//! Decoded SCALE values as readable JSON, driven by their types in the runtime's metadata (not
//! by guessing from the values): a byte string or byte array (`Vec<u8>`, `[u8; 32]`, `H256`) is
//! `0x…` hex, an `AccountId32` an SS58 address, an `Option` its value or null, a newtype its
//! content, a field-less enum variant its name in snake case (the one naming convention of the
//! JSON the client prints: fields, variants, its own files); a list of numbers stays a list of
//! numbers.

use scale_info::{form::PortableForm, PortableRegistry, Type, TypeDef, TypeDefPrimitive};
use serde_json::{json, Map, Value as Json};
use subxt::{
	ext::scale_value::{Composite, Primitive, Value, ValueDef},
	utils::AccountId32,
};

/// `[[a, b, c], ..]` as `[{names[0]: a, names[1]: b, names[2]: c}, ..]`: a list of tuples the
/// runtime answers, with the names the client gives their members.
pub fn name_tuples(json: Json, names: &[&str]) -> Json {
	let Json::Array(list) = json else { return json };
	list.into_iter()
		.map(|tuple| match tuple {
			Json::Array(members) => Json::Object(
				names
					.iter()
					.map(|name| name.to_string())
					.zip(members)
					.collect::<serde_json::Map<_, _>>(),
			),
			other => other,
		})
		.collect()
}

/// A value decoded with its type ids (`Value<u32>`), as JSON.
pub fn render(value: &Value<u32>, types: &PortableRegistry) -> Json {
	Renderer { types }.value(value)
}

/// A composite decoded with its type ids (an event's fields), as JSON.
pub fn render_fields(fields: &Composite<u32>, types: &PortableRegistry) -> Json {
	Renderer { types }.composite(fields)
}

struct Renderer<'a> {
	types: &'a PortableRegistry,
}

impl Renderer<'_> {
	fn value(&self, value: &Value<u32>) -> Json {
		let ty = self.types.resolve(value.context);
		match &value.value {
			ValueDef::Composite(composite) => {
				if let Some(ty) = ty {
					if is_account(ty) {
						if let Some(account) =
							bytes(value).and_then(|b| <[u8; 32]>::try_from(b).ok())
						{
							return Json::String(AccountId32(account).to_string());
						}
					}
					if self.is_byte_string(ty) {
						if let Some(bytes) = bytes(value) {
							return Json::String(format!("0x{}", hex::encode(bytes)));
						}
					}
					// A newtype (`H256([u8; 32])`, `BoundedVec(Vec<T>)`, `Perbill(u32)`) reads as
					// its content.
					if let (TypeDef::Composite(_), Composite::Unnamed(values)) =
						(&ty.type_def, composite)
					{
						if let [inner] = values.as_slice() {
							return self.value(inner);
						}
					}
				}
				self.composite(composite)
			},
			ValueDef::Variant(variant) => {
				let is_option = ty.is_some_and(|ty| ty.path.segments == ["Option"]);
				let mut values = variant.values.values();
				match (is_option, variant.name.as_str(), variant.values.len()) {
					(true, "None", 0) => return Json::Null,
					(true, "Some", 1) => {
						return values.next().map_or(Json::Null, |v| self.value(v))
					},
					_ => {},
				}
				let name = self.name(&variant.name);
				match (&variant.values, variant.values.len()) {
					(_, 0) => Json::String(name),
					// A newtype variant (`Err(reason)`, `Category(imaging)`) holds its one value.
					(Composite::Unnamed(_), 1) => {
						json!({ name: values.next().map_or(Json::Null, |v| self.value(v)) })
					},
					(fields, _) => json!({ name: self.composite(fields) }),
				}
			},
			ValueDef::Primitive(primitive) => primitive_to_json(primitive),
			ValueDef::BitSequence(bits) => Json::String(format!("{bits:?}")),
		}
	}

	fn composite(&self, composite: &Composite<u32>) -> Json {
		match composite {
			Composite::Named(fields) => {
				let mut map = Map::new();
				for (name, value) in fields {
					map.insert(name.clone(), self.value(value));
				}
				Json::Object(map)
			},
			Composite::Unnamed(values) => {
				Json::Array(values.iter().map(|value| self.value(value)).collect())
			},
		}
	}

	/// Whether `ty` is a sequence or array of `u8`.
	fn is_byte_string(&self, ty: &Type<PortableForm>) -> bool {
		let element = match &ty.type_def {
			TypeDef::Sequence(sequence) => sequence.type_param.id,
			TypeDef::Array(array) => array.type_param.id,
			_ => return false,
		};
		self.types
			.resolve(element)
			.is_some_and(|ty| ty.type_def == TypeDef::Primitive(TypeDefPrimitive::U8))
	}

	/// An enum variant's name, in snake case like every name in the JSON the client prints (a
	/// field's, a primitive type's, a file's): `NotInForce` is `not_in_force`.
	fn name(&self, name: &str) -> String {
		snake_case(name)
	}
}

fn is_account(ty: &Type<PortableForm>) -> bool {
	ty.path.segments.last().is_some_and(|name| name == "AccountId32")
}

/// The bytes of a value that is a byte string, or a newtype of one (`AccountId32([u8; 32])`).
fn bytes(value: &Value<u32>) -> Option<Vec<u8>> {
	let ValueDef::Composite(Composite::Unnamed(values)) = &value.value else { return None };
	if let [inner @ Value { value: ValueDef::Composite(_), .. }] = values.as_slice() {
		return bytes(inner);
	}
	values
		.iter()
		.map(|value| match &value.value {
			ValueDef::Primitive(Primitive::U128(n)) => u8::try_from(*n).ok(),
			_ => None,
		})
		.collect()
}

/// `NotAnAgent` as `not_an_agent`.
pub fn snake_case(name: &str) -> String {
	let mut out = String::with_capacity(name.len() + 4);
	for (i, c) in name.chars().enumerate() {
		if c.is_uppercase() {
			if i > 0 && !out.ends_with('_') {
				out.push('_');
			}
			out.extend(c.to_lowercase());
		} else {
			out.push(c);
		}
	}
	out
}

fn primitive_to_json(primitive: &Primitive) -> Json {
	match primitive {
		Primitive::Bool(b) => Json::Bool(*b),
		Primitive::Char(c) => Json::String(c.to_string()),
		Primitive::String(s) => Json::String(s.clone()),
		Primitive::U128(n) => {
			u64::try_from(*n).map(Json::from).unwrap_or_else(|_| n.to_string().into())
		},
		Primitive::I128(n) => {
			i64::try_from(*n).map(Json::from).unwrap_or_else(|_| n.to_string().into())
		},
		Primitive::U256(bytes) | Primitive::I256(bytes) => {
			Json::String(format!("0x{}", hex::encode(bytes)))
		},
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;
	use scale_info::{meta_type, Registry, TypeInfo};
	use subxt::ext::scale_value::scale::decode_as_type;

	fn rendered<T: Encode + TypeInfo + 'static>(value: &T) -> Json {
		let mut registry = Registry::new();
		let id = registry.register_type(&meta_type::<T>()).id;
		let types: PortableRegistry = registry.into();
		let decoded = decode_as_type(&mut &value.encode()[..], id, &types).expect("decodes");
		render(&decoded, &types)
	}

	#[derive(Encode, TypeInfo)]
	struct H256([u8; 32]);

	#[derive(Encode, TypeInfo)]
	enum Status {
		Active,
		NotInForce(Reason),
	}

	#[derive(Encode, TypeInfo)]
	enum Reason {
		NotAnAgent,
	}

	#[derive(Encode, TypeInfo)]
	struct Answer {
		who: AccountId32,
		delegates: Vec<AccountId32>,
		maybe: Option<AccountId32>,
		nothing: Option<u32>,
		document_hash: H256,
		salt: Vec<u8>,
		ids: Vec<u32>,
		small: Vec<u8>,
		status: Status,
		why: Status,
		result: Result<u32, Reason>,
		big: u128,
	}

	#[test]
	fn renders_by_type_not_by_value() {
		let alice = AccountId32([1; 32]);
		let answer = Answer {
			who: alice,
			delegates: vec![alice, alice],
			maybe: Some(alice),
			nothing: None,
			document_hash: H256([2; 32]),
			salt: vec![1, 2, 3],
			// A list of small numbers that is not bytes: it stays a list.
			ids: vec![1, 2],
			small: vec![7],
			status: Status::Active,
			why: Status::NotInForce(Reason::NotAnAgent),
			result: Err(Reason::NotAnAgent),
			big: u128::MAX,
		};
		let json = rendered(&answer);
		let ss58 = alice.to_string();
		assert_eq!(json["who"], ss58.as_str());
		assert_eq!(json["delegates"], json!([ss58, ss58]));
		assert_eq!(json["maybe"], ss58.as_str());
		assert_eq!(json["nothing"], Json::Null);
		assert_eq!(json["document_hash"], format!("0x{}", "02".repeat(32)));
		assert_eq!(json["salt"], "0x010203");
		assert_eq!(json["ids"], json!([1, 2]));
		assert_eq!(json["small"], "0x07");
		assert_eq!(json["status"], "active");
		assert_eq!(json["why"], json!({ "not_in_force": "not_an_agent" }));
		assert_eq!(json["result"], json!({ "err": "not_an_agent" }));
		assert_eq!(json["big"], u128::MAX.to_string());
		// A one-element list of structs or enums stays a list.
		assert_eq!(rendered(&vec![Status::Active]), json!(["active"]));
	}

	#[test]
	fn snake_cases_variant_names() {
		assert_eq!(snake_case("NotAnAgent"), "not_an_agent");
		assert_eq!(snake_case("Active"), "active");
		assert_eq!(snake_case("OrganisationSuspended"), "organisation_suspended");
	}
}
