//! Rendering policies for people.
