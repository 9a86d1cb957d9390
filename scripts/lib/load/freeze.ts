/** Deep-freezes the Book so that no renderer can change what another renderer sees. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const v of value.values()) deepFreeze(v);
    // A frozen Map can still be mutated through its methods: make those throw.
    const fail = () => { throw new TypeError('the Book is immutable'); };
    Object.defineProperties(value, { set: { value: fail }, delete: { value: fail }, clear: { value: fail } });
  } else if (value instanceof Date) {
    Object.defineProperty(value, 'setTime', { value: () => { throw new TypeError('the Book is immutable'); } });
  } else {
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return Object.freeze(value);
}
