/**
 * The contact index (pure): every E.164 number → every contact person
 * holding it (with the partner), kept per electronic address so that an
 * address that changes its number, its contact or its type moves without a
 * full reload. Several contacts on one number are all returned.
 */
export interface IndexedAddress {
  readonly addressId: number;
  readonly contactPersonId: number;
  readonly partnerId: number | null;
  readonly addressType: string;
  /** null: the address holds no usable number (it leaves the index). */
  readonly e164: string | null;
}

export interface ContactMatchRef {
  readonly contactPersonId: number;
  readonly partnerId: number | null;
  readonly addressType: string;
}

export class ContactIndex {
  private readonly byAddress = new Map<number, IndexedAddress>();
  private readonly byNumber = new Map<string, Set<number>>();

  constructor(private readonly matchTypes: ReadonlySet<string>) {}

  get size(): number {
    return this.byAddress.size;
  }

  /** Puts an address in (or moves it); one that no longer matches the types or has no number leaves. */
  upsert(address: IndexedAddress): void {
    this.remove(address.addressId);
    if (address.e164 === null || !this.matchTypes.has(address.addressType)) return;
    this.byAddress.set(address.addressId, address);
    let ids = this.byNumber.get(address.e164);
    if (ids === undefined) {
      ids = new Set();
      this.byNumber.set(address.e164, ids);
    }
    ids.add(address.addressId);
  }

  remove(addressId: number): void {
    const old = this.byAddress.get(addressId);
    if (old === undefined) return;
    this.byAddress.delete(addressId);
    if (old.e164 === null) return;
    const ids = this.byNumber.get(old.e164);
    ids?.delete(addressId);
    if (ids?.size === 0) this.byNumber.delete(old.e164);
  }

  /** A contact person's partner changed: every address of theirs says so. */
  movePartner(contactPersonId: number, partnerId: number | null): void {
    for (const address of [...this.byAddress.values()]) {
      if (address.contactPersonId === contactPersonId && address.partnerId !== partnerId) this.upsert({ ...address, partnerId });
    }
  }

  /** Every contact person holding the number, once each, in contact id order. */
  lookup(e164: string): ContactMatchRef[] {
    const ids = this.byNumber.get(e164);
    if (ids === undefined) return [];
    const seen = new Map<number, ContactMatchRef>();
    for (const id of ids) {
      const a = this.byAddress.get(id);
      if (a !== undefined && !seen.has(a.contactPersonId)) seen.set(a.contactPersonId, { contactPersonId: a.contactPersonId, partnerId: a.partnerId, addressType: a.addressType });
    }
    return [...seen.values()].sort((x, y) => x.contactPersonId - y.contactPersonId);
  }

  /** The address ids it holds (to find those deleted in the database). */
  addressIds(): IterableIterator<number> {
    return this.byAddress.keys();
  }
}
