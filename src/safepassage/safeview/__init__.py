"""Safe copies of untrusted documents: rendered to pixels in a sandbox, rebuilt as plain files.

Framework-free: `convert.convert` takes a document's plaintext and returns a PDF (pages as
pictures with an invisible OCR text layer) or a PNG, or raises `limits.Stopped` naming why.
`sandbox.sandbox_status()` says whether conversions are isolated. The Django side (queue,
records, downloads) lives in `safepassage.safecopy`.
"""
