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
  /** One address id, or several (a number shared by contacts): a plain number keeps a million of them small. */
  private readonly byNumber = new Map<string, number | number[]>();

  constructor(private readonly matchTypes: ReadonlySet<string>) {}

  get size(): number {
    return this.byAddress.size;
  }

  /** Puts an address in (or moves it); one that no longer matches the types or has no number leaves. */
  upsert(address: IndexedAddress): void {
    this.remove(address.addressId);
    if (address.e164 === null || !this.matchTypes.has(address.addressType)) return;
    // Only what a match needs is kept, whatever else the caller's object carries.
    const { addressId, contactPersonId, partnerId, addressType, e164 } = address;
    this.byAddress.set(addressId, { addressId, contactPersonId, partnerId, addressType, e164 });
    const ids = this.byNumber.get(e164);
    if (ids === undefined) this.byNumber.set(e164, addressId);
    else if (typeof ids === 'number') this.byNumber.set(e164, [ids, addressId]);
    else ids.push(addressId);
  }

  remove(addressId: number): void {
    const old = this.byAddress.get(addressId);
    if (old === undefined) return;
    this.byAddress.delete(addressId);
    if (old.e164 === null) return;
    const ids = this.byNumber.get(old.e164);
    if (ids === undefined) return;
    if (typeof ids === 'number') {
      if (ids === addressId) this.byNumber.delete(old.e164);
      return;
    }
    const rest = ids.filter((id) => id !== addressId);
    if (rest.length === 0) this.byNumber.delete(old.e164);
    else this.byNumber.set(old.e164, rest.length === 1 ? (rest[0] ?? addressId) : rest);
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
    if (typeof ids === 'number') {
      const a = this.byAddress.get(ids);
      return a === undefined ? [] : [{ contactPersonId: a.contactPersonId, partnerId: a.partnerId, addressType: a.addressType }];
    }
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
