// Passkeys (WebAuthn): the only script staff pages use, and only to talk to the authenticator.
// Everything else works without JavaScript.
(function () {
  "use strict";
  var box = document.querySelector("div.passkey");
  if (!box || !window.PublicKeyCredential) { return; }
  box.hidden = false;

  function csrf() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function fromB64url(text) {
    var b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) { b64 += "="; }
    var raw = atob(b64), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out.buffer;
  }
  function toB64url(buffer) {
    var bytes = new Uint8Array(buffer), raw = "";
    for (var i = 0; i < bytes.length; i++) { raw += String.fromCharCode(bytes[i]); }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "Content-Type": "application/json" },
      body: body || "{}"
    });
  }
  function fail(message) {
    var p = document.getElementById("passkey-error");
    p.textContent = message; p.hidden = false;
  }
  function credentialJSON(cred) {
    var r = cred.response, out = {
      id: cred.id, rawId: toB64url(cred.rawId), type: cred.type,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
      response: { clientDataJSON: toB64url(r.clientDataJSON) }
    };
    if (r.attestationObject) {
      out.response.attestationObject = toB64url(r.attestationObject);
      if (r.getTransports) { out.response.transports = r.getTransports(); }
    } else {
      out.response.authenticatorData = toB64url(r.authenticatorData);
      out.response.signature = toB64url(r.signature);
      if (r.userHandle) { out.response.userHandle = toB64url(r.userHandle); }
    }
    return JSON.stringify(out);
  }
  function run(kind) {
    post(box.dataset.options).then(function (res) {
      if (res.redirected || !res.ok) { throw new Error("options"); }
      return res.json();
    }).then(function (options) {
      options.challenge = fromB64url(options.challenge);
      (options.allowCredentials || options.excludeCredentials || []).forEach(function (c) { c.id = fromB64url(c.id); });
      if (kind === "register") {
        options.user.id = fromB64url(options.user.id);
        return navigator.credentials.create({ publicKey: options });
      }
      return navigator.credentials.get({ publicKey: options });
    }).then(function (cred) {
      return post(box.dataset.verify, credentialJSON(cred));
    }).then(function (res) { return res.json(); }).then(function (answer) {
      if (answer.ok) { window.location.assign(answer.next); } else { fail(answer.error); }
    }).catch(function () {
      fail(box.dataset.failed);
    });
  }
  var signin = document.getElementById("passkey-signin");
  if (signin) { signin.addEventListener("click", function () { run("get"); }); }
  var register = document.getElementById("passkey-register");
  if (register) { register.addEventListener("click", function () { run("register"); }); }
})();
