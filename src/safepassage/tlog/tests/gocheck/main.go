// Command tlogcheck checks safepassage's public log with Go's reference code
// (golang.org/x/mod/sumdb/note and sumdb/tlog), and signs a note for the reverse check.
//
//	tlogcheck verify-note VKEY FILE
//	tlogcheck check-log VKEY BASE INDEX OLDSIZE OLDROOT
//	tlogcheck sign-note NAME FILE
//
// BASE is the log's prefix (an http:// address or a folder in the same layout).
package main

import (
	"bufio"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "FAIL: "+format+"\n", args...)
	os.Exit(1)
}

// indexPath encodes a tile index as tlog-tiles asks: x001/x234/067.
func indexPath(n int64) string {
	digits := strconv.FormatInt(n, 10)
	for len(digits)%3 != 0 {
		digits = "0" + digits
	}
	var groups []string
	for i := 0; i < len(digits); i += 3 {
		groups = append(groups, digits[i:i+3])
	}
	for i := 0; i < len(groups)-1; i++ {
		groups[i] = "x" + groups[i]
	}
	return strings.Join(groups, "/")
}

func tilePath(level string, n int64, w int) string {
	p := "tile/" + level + "/" + indexPath(n)
	if w < 256 {
		p += ".p/" + strconv.Itoa(w)
	}
	return p
}

func fetch(base, path string) []byte {
	if strings.HasPrefix(base, "http://") || strings.HasPrefix(base, "https://") {
		resp, err := http.Get(strings.TrimRight(base, "/") + "/" + path)
		if err != nil {
			fail("%s: %v", path, err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			fail("%s: status %d", path, resp.StatusCode)
		}
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			fail("%s: %v", path, err)
		}
		return data
	}
	data, err := os.ReadFile(filepath.Join(base, filepath.FromSlash(path)))
	if err != nil {
		fail("%s: %v", path, err)
	}
	return data
}

type tileReader struct{ base string }

func (r tileReader) Height() int { return 8 }

func (r tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		out[i] = fetch(r.base, tilePath(strconv.Itoa(t.L), t.N, t.W))
	}
	return out, nil
}

func (r tileReader) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

func openNote(vkey string, msg []byte) *note.Note {
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		fail("verifier key: %v", err)
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("note.Open: %v", err)
	}
	return n
}

func verifyNote(vkey, file string) {
	msg, err := os.ReadFile(file)
	if err != nil {
		fail("%v", err)
	}
	n := openNote(vkey, msg)
	for _, s := range n.Sigs {
		fmt.Printf("note.Open: signature of %s (key id %08x) verified\n", s.Name, s.Hash)
	}
	for _, s := range n.UnverifiedSigs {
		fmt.Printf("note.Open: signature of %s (key id %08x) from an unknown key, ignored\n", s.Name, s.Hash)
	}
}

func parseCheckpoint(text string) (string, int64, tlog.Hash) {
	lines := strings.Split(text, "\n")
	if len(lines) < 4 {
		fail("checkpoint has fewer than three lines")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("tree size: %v", err)
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		fail("root hash: %v", err)
	}
	return lines[0], size, root
}

func checkLog(vkey, base, indexText, oldSizeText, oldRootText string) {
	n := openNote(vkey, fetch(base, "checkpoint"))
	origin, size, root := parseCheckpoint(n.Text)
	fmt.Printf("note.Open: checkpoint of %s verified: size %d, root %s\n", origin, size, root)
	reader := tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, tileReader{base})
	treeHash, err := tlog.TreeHash(size, reader)
	if err != nil || treeHash != root {
		fail("tree hash from the tiles: %v", err)
	}
	fmt.Printf("tlog.TreeHash from the tiles matches the checkpoint root\n")

	index, _ := strconv.ParseInt(indexText, 10, 64)
	bundle := fetch(base, tilePath("entries", index/256, int(min(256, size-index/256*256))))
	var entry []byte
	for i, off := int64(0), 0; off < len(bundle); i++ {
		length := int(binary.BigEndian.Uint16(bundle[off : off+2]))
		if i == index%256 {
			entry = bundle[off+2 : off+2+length]
		}
		off += 2 + length
	}
	if entry == nil {
		fail("entry %d is not in its bundle", index)
	}
	proof, err := tlog.ProveRecord(size, index, reader)
	if err != nil {
		fail("tlog.ProveRecord: %v", err)
	}
	if err := tlog.CheckRecord(proof, size, root, index, tlog.RecordHash(entry)); err != nil {
		fail("tlog.CheckRecord: %v", err)
	}
	fmt.Printf("tlog.CheckRecord: entry %d is in the tree of size %d (%d proof hashes)\n", index, size, len(proof))
	for _, h := range proof {
		fmt.Printf("inclusion-proof %s\n", h)
	}

	oldSize, _ := strconv.ParseInt(oldSizeText, 10, 64)
	oldRoot, err := tlog.ParseHash(oldRootText)
	if err != nil {
		fail("old root: %v", err)
	}
	tree, err := tlog.ProveTree(size, oldSize, reader)
	if err != nil {
		fail("tlog.ProveTree: %v", err)
	}
	if err := tlog.CheckTree(tree, size, root, oldSize, oldRoot); err != nil {
		fail("tlog.CheckTree: %v", err)
	}
	fmt.Printf("tlog.CheckTree: the tree of size %d extends the tree of size %d (%d proof hashes)\n", size, oldSize, len(tree))
	for _, h := range tree {
		fmt.Printf("consistency-proof %s\n", h)
	}
}

func min(a, b int64) int64 {
	if a < b {
		return a
	}
	return b
}

func signNote(name, file string) {
	text, err := os.ReadFile(file)
	if err != nil {
		fail("%v", err)
	}
	skey, vkey, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		fail("%v", err)
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		fail("%v", err)
	}
	msg, err := note.Sign(&note.Note{Text: string(text)}, signer)
	if err != nil {
		fail("note.Sign: %v", err)
	}
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(w, vkey)
	w.WriteString(base64.StdEncoding.EncodeToString(msg) + "\n")
	w.Flush()
}

func main() {
	if len(os.Args) < 2 {
		fail("usage: tlogcheck verify-note|check-log|sign-note ...")
	}
	switch args := os.Args[2:]; os.Args[1] {
	case "verify-note":
		verifyNote(args[0], args[1])
	case "check-log":
		checkLog(args[0], args[1], args[2], args[3], args[4])
	case "sign-note":
		signNote(args[0], args[1])
	default:
		fail("unknown command %s", os.Args[1])
	}
}
