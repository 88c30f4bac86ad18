import { connect } from './connect/index.js';
import type { VendorModule } from './vendor.js';
import { xplenty } from './xplenty/index.js';

/** Every vendor the action knows, one line each. CONTRIBUTING → A new vendor says how to add one. */
export const VENDORS: readonly VendorModule[] = [connect, xplenty];

/** The vendor a `vendor` input names (its name or an alias, any case); undefined for none. */
export function findVendor(text: string): VendorModule | undefined {
  const wanted = text.toLowerCase();
  return VENDORS.find((vendor) => vendor.name === wanted || vendor.aliases.includes(wanted));
}
