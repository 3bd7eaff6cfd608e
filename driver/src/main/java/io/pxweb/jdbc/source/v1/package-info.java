/**
 * PxWebApi v1 servers (Statistics Finland, Statistics Sweden's v1, Iceland, Greenland, the Faroe
 * Islands, Estonia, Switzerland, ...): a third source beside PxWebApi 2.0 and PX folders.
 *
 * <p>v1 addresses tables by their place in a tree of folder listings, describes them with
 * {@code {title, variables}} metadata without units or roles, and answers data only by POST.
 * {@link io.pxweb.jdbc.source.v1.V1Documents} reads the documents into plain records,
 * {@link io.pxweb.jdbc.source.v1.ServerCatalogue} names the well-known servers with their
 * published limits, {@link io.pxweb.jdbc.source.v1.TimeCodes} infers a table's frequency from
 * its time codes. The contract as served is written down in
 * {@code pxwebapi-v1-contract.md} (shared docs).
 */
package io.pxweb.jdbc.source.v1;
