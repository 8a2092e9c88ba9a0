//! A serde `Serializer` that feeds a value into a [`HashWriter`] without
//! making its JSON: what a page's key is made from. A template sees the
//! value as serialized; two values whose streams of serde calls are the same
//! serialize to the same JSON, so the key is taken over that stream, written
//! so that no two streams write the same bytes: every call starts with a
//! tag of its own, texts and bytes are preceded by their length, and every
//! element or entry of a sequence, tuple, map or struct by a tag, with a tag
//! closing it (a sequence's length need not be known).
//!
//! This spares the escaping, formatting and copying of JSON, which was most
//! of the time a rebuild spent on keys.

use serde::ser::{self, Serialize};

use super::HashWriter;

/// The tags, one per kind of call.
mod tag {
    pub const BOOL: u8 = 1;
    pub const I64: u8 = 2;
    pub const U64: u8 = 3;
    pub const I128: u8 = 4;
    pub const U128: u8 = 5;
    pub const F32: u8 = 6;
    pub const F64: u8 = 7;
    pub const CHAR: u8 = 8;
    pub const STR: u8 = 9;
    pub const BYTES: u8 = 10;
    pub const NONE: u8 = 11;
    pub const SOME: u8 = 12;
    pub const UNIT: u8 = 13;
    pub const UNIT_STRUCT: u8 = 14;
    pub const UNIT_VARIANT: u8 = 15;
    pub const NEWTYPE_STRUCT: u8 = 16;
    pub const NEWTYPE_VARIANT: u8 = 17;
    pub const SEQ: u8 = 18;
    pub const TUPLE: u8 = 19;
    pub const TUPLE_STRUCT: u8 = 20;
    pub const TUPLE_VARIANT: u8 = 21;
    pub const MAP: u8 = 22;
    pub const STRUCT: u8 = 23;
    pub const STRUCT_VARIANT: u8 = 24;
    /// Before each element, key, value or field.
    pub const ITEM: u8 = 25;
    /// A field a struct skips (its name still counts).
    pub const SKIPPED: u8 = 26;
    /// After the last one.
    pub const END: u8 = 27;
}

/// Feeds `value`'s serialization into `h`.
pub fn write(h: &mut HashWriter, value: &(impl Serialize + ?Sized)) {
    // The only error is a value's own (a map key a template could not take
    // either); the template then reports it when it renders.
    let _ = value.serialize(Hashing(h));
}

/// The error type serde asks for; hashing itself never fails.
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

pub struct Hashing<'h>(&'h mut HashWriter);

impl Hashing<'_> {
    fn tag(&mut self, t: u8) {
        self.0.feed(&[t]);
    }

    fn name(&mut self, t: u8, name: &str) {
        self.tag(t);
        self.0.str(name);
    }

    fn variant(&mut self, t: u8, name: &str, index: u32, variant: &str) {
        self.name(t, name);
        self.0.feed(&index.to_le_bytes());
        self.0.str(variant);
    }

    fn item(&mut self, v: &(impl Serialize + ?Sized)) -> Result<(), Error> {
        self.tag(tag::ITEM);
        v.serialize(Hashing(self.0))
    }

    fn end(mut self) -> Result<(), Error> {
        self.tag(tag::END);
        Ok(())
    }
}

impl<'h> ser::Serializer for Hashing<'h> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.0.feed(&[tag::BOOL, v as u8]);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(mut self, v: i64) -> Result<(), Error> {
        self.tag(tag::I64);
        self.0.feed(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_i128(mut self, v: i128) -> Result<(), Error> {
        self.tag(tag::I128);
        self.0.feed(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(mut self, v: u64) -> Result<(), Error> {
        self.tag(tag::U64);
        self.0.feed(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u128(mut self, v: u128) -> Result<(), Error> {
        self.tag(tag::U128);
        self.0.feed(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(mut self, v: f32) -> Result<(), Error> {
        self.tag(tag::F32);
        self.0.feed(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_f64(mut self, v: f64) -> Result<(), Error> {
        self.tag(tag::F64);
        self.0.feed(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(mut self, v: char) -> Result<(), Error> {
        self.tag(tag::CHAR);
        self.0.feed(&u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(mut self, v: &str) -> Result<(), Error> {
        self.tag(tag::STR);
        self.0.str(v);
        Ok(())
    }
    fn serialize_bytes(mut self, v: &[u8]) -> Result<(), Error> {
        self.tag(tag::BYTES);
        self.0.feed(&(v.len() as u64).to_le_bytes());
        self.0.feed(v);
        Ok(())
    }
    fn serialize_none(mut self) -> Result<(), Error> {
        self.tag(tag::NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(mut self, value: &T) -> Result<(), Error> {
        self.tag(tag::SOME);
        value.serialize(self)
    }
    fn serialize_unit(mut self) -> Result<(), Error> {
        self.tag(tag::UNIT);
        Ok(())
    }
    fn serialize_unit_struct(mut self, name: &'static str) -> Result<(), Error> {
        self.name(tag::UNIT_STRUCT, name);
        Ok(())
    }
    fn serialize_unit_variant(
        mut self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.variant(tag::UNIT_VARIANT, name, index, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.name(tag::NEWTYPE_STRUCT, name);
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant(tag::NEWTYPE_VARIANT, name, index, variant);
        value.serialize(self)
    }
    fn serialize_seq(mut self, _len: Option<usize>) -> Result<Self, Error> {
        self.tag(tag::SEQ);
        Ok(self)
    }
    fn serialize_tuple(mut self, _len: usize) -> Result<Self, Error> {
        self.tag(tag::TUPLE);
        Ok(self)
    }
    fn serialize_tuple_struct(mut self, name: &'static str, _len: usize) -> Result<Self, Error> {
        self.name(tag::TUPLE_STRUCT, name);
        Ok(self)
    }
    fn serialize_tuple_variant(
        mut self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Error> {
        self.variant(tag::TUPLE_VARIANT, name, index, variant);
        Ok(self)
    }
    fn serialize_map(mut self, _len: Option<usize>) -> Result<Self, Error> {
        self.tag(tag::MAP);
        Ok(self)
    }
    fn serialize_struct(mut self, name: &'static str, _len: usize) -> Result<Self, Error> {
        self.name(tag::STRUCT, name);
        Ok(self)
    }
    fn serialize_struct_variant(
        mut self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Error> {
        self.variant(tag::STRUCT_VARIANT, name, index, variant);
        Ok(self)
    }
}

/// The element-by-element compounds (sequences, tuples, tuple structs and
/// variants) hash each element as an item.
macro_rules! items {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Hashing<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.item(value)
            }
            fn end(self) -> Result<(), Error> {
                Hashing::end(self)
            }
        }
    )*};
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Hashing<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.item(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Hashing::end(self)
    }
}

/// Structs and struct variants hash each field's name with its value, and
/// the name of a field skipped.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Hashing<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.tag(tag::ITEM);
                self.0.str(key);
                self.item(value)
            }
            fn skip_field(&mut self, key: &'static str) -> Result<(), Error> {
                self.tag(tag::SKIPPED);
                self.0.str(key);
                Ok(())
            }
            fn end(self) -> Result<(), Error> {
                Hashing::end(self)
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::super::{HashWriter, Key};

    fn key(v: &impl Serialize) -> Key {
        let mut h = HashWriter::new();
        super::write(&mut h, v);
        h.finish()
    }

    #[derive(Serialize)]
    struct Page {
        title: String,
        items: Vec<String>,
        note: Option<String>,
        count: u32,
    }

    fn page(title: &str, items: &[&str], note: Option<&str>, count: u32) -> Page {
        Page {
            title: title.into(),
            items: items.iter().map(|s| s.to_string()).collect(),
            note: note.map(str::to_string),
            count,
        }
    }

    #[test]
    fn equal_values_have_equal_keys_and_each_change_changes_it() {
        let base = key(&page("A", &["x", "y"], None, 1));
        assert_eq!(base, key(&page("A", &["x", "y"], None, 1)));
        let changed = [
            key(&page("B", &["x", "y"], None, 1)),
            key(&page("A", &["x"], None, 1)),
            key(&page("A", &["xy"], None, 1)),
            key(&page("A", &["x", "y", ""], None, 1)),
            key(&page("A", &["x", "y"], Some(""), 1)),
            key(&page("A", &["x", "y"], None, 2)),
        ];
        for (i, k) in changed.iter().enumerate() {
            assert_ne!(*k, base, "change {i}");
        }
    }

    #[test]
    fn where_a_sequence_ends_counts() {
        // [["a"], ["b"]] and [["a", "b"]] hold the same texts in the same order.
        assert_ne!(key(&vec![vec!["a"], vec!["b"]]), key(&vec![vec!["a", "b"]]));
        assert_ne!(key(&vec![vec!["a"], vec![]]), key(&vec![vec![], vec!["a"]]));
        assert_ne!(key(&("ab", "c")), key(&("a", "bc")));
    }

    #[test]
    fn maps_and_flattened_fields_count_their_keys() {
        fn map(pairs: &[(&'static str, &'static str)]) -> BTreeMap<&'static str, &'static str> {
            pairs.iter().copied().collect()
        }
        assert_ne!(key(&map(&[("a", "b")])), key(&map(&[("b", "a")])));
        assert_ne!(key(&map(&[("a", "")])), key(&map(&[("a", ""), ("b", "")])));
        #[derive(Serialize)]
        struct Outer<'a> {
            frame: &'a str,
            #[serde(flatten)]
            data: BTreeMap<&'a str, &'a str>,
        }
        let k = |frame, data| key(&Outer { frame, data });
        assert_eq!(k("f", map(&[("x", "1")])), k("f", map(&[("x", "1")])));
        assert_ne!(k("f", map(&[("x", "1")])), k("f", map(&[("x", "2")])));
        assert_ne!(k("f", map(&[("x", "1")])), k("g", map(&[("x", "1")])));
    }

    #[test]
    fn numbers_and_their_kinds_count() {
        assert_ne!(key(&1u32), key(&1i32), "a template shows both alike, but a key may tell more");
        assert_ne!(key(&1.0f64), key(&1.5f64));
        assert_ne!(key(&Some(0u8)), key(&None::<u8>));
        assert_ne!(key(&true), key(&false));
    }
}
