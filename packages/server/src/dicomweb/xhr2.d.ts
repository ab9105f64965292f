// xhr2 ships no types: it is Node's XMLHttpRequest for dicomweb-client in tests.
declare module 'xhr2' {
  const XMLHttpRequest: typeof globalThis.XMLHttpRequest;
  export default XMLHttpRequest;
}
