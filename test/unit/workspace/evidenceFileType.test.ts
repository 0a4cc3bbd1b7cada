import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  detectEvidenceFileType,
  extensionOf,
  STORED_MEDIA_TYPES,
} from '../../../src/domain/workspace/evidenceFileType.js'
import { tinyPdf } from '../../../src/services/workspace/evidenceDemo.js'
import { docx, minimalPdf, odt, png, storedZip, xlsx } from '../../support/evidenceFixtures.js'

const bytes = (text: string) => Buffer.from(text, 'utf8')

describe('evidence file type sniffing', () => {
  it('accepts each supported kind by its content', async () => {
    const cases: [string, Buffer, string][] = [
      ['minutes.pdf', minimalPdf(), 'application/pdf'],
      ['demo.pdf', tinyPdf(['Hello']), 'application/pdf'],
      ['minutes.docx', await docx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['scorecard.xlsx', await xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['plan.odt', odt(), 'application/vnd.oasis.opendocument.text'],
      ['chart.png', png(), 'image/png'],
      ['photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), 'image/jpeg'],
      ['notes.txt', bytes('Minutes of the LSCB\nItem 1'), 'text/plain'],
      ['data.csv', bytes('Indicator,Value\nRe-referrals,21.4\n'), 'text/csv'],
      ['Excel.csv', Buffer.from('Caf\xe9,Value\n', 'latin1'), 'text/csv'],
      ['no-extension', minimalPdf(), 'application/pdf'],
      ['UPPER.PDF', minimalPdf(), 'application/pdf'],
    ]
    for (const [name, content, mediaType] of cases) {
      const verdict = detectEvidenceFileType(content, name)
      assert.ok(verdict.ok, `${name}: ${verdict.ok ? '' : verdict.reason}`)
      assert.equal(verdict.info.mediaType, mediaType, name)
    }
  })

  it('refuses hostile and unknown files with a precise reason', () => {
    const cases: [string, Buffer, RegExp][] = [
      ['empty.pdf', Buffer.alloc(0), /empty/],
      ['report.pdf', bytes('<!DOCTYPE html><html><script>alert(1)</script></html>'), /web page markup/],
      ['chart.svg', bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), /web page markup/],
      ['notes.txt', bytes('Hello\n<script>fetch("/admin")</script>'), /web page markup/],
      ['data.xml', bytes('<?xml version="1.0"?><a/>'), /web page markup/],
      ['setup.exe', Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), /Windows program/],
      ['minutes.pdf', Buffer.from('MZ\x90\x00', 'latin1'), /Windows program/],
      ['tool', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]), /Linux program/],
      ['run.txt', bytes('#!/bin/sh\nrm -rf /\n'), /script/],
      ['archive.zip', storedZip([['readme.txt', 'hi']]), /no content types entry/],
      ['fake.docx', storedZip([['word/document.xml', '<w:document/>']]), /no content types entry/],
      [
        'macro.docx',
        storedZip([
          ['[Content_Types].xml', '<Types/>'],
          ['word/document.xml', '<w/>'],
          ['word/vbaProject.bin', 'x'],
        ]),
        /macros/,
      ],
      ['other.docx', storedZip([['[Content_Types].xml', '<Types/>']]), /not a Word document/],
      ['broken.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /damaged/],
      ['old.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), /old-style Office/],
      ['binary.bin', Buffer.from([1, 2, 3, 0, 4, 5, 6, 7]), /not a format we accept/],
      ['image.gif', bytes('GIF89a\x01\x00'), /not a format we accept|called/],
      ['minutes.docx', minimalPdf(), /called "minutes.docx" but its content is a PDF/],
      ['report.pdf', bytes('Just some text'), /called "report.pdf" but its content is a plain text/],
      [
        'odd.odt',
        storedZip([['mimetype', 'application/vnd.oasis.opendocument.graphics']]),
        /OpenDocument file of a kind/,
      ],
    ]
    for (const [name, content, reason] of cases) {
      const verdict = detectEvidenceFileType(content, name)
      assert.equal(verdict.ok, false, `${name} should be refused`)
      if (!verdict.ok) assert.match(verdict.reason, reason, name)
    }
  })

  it('never accepts a type a browser would run, whatever the bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom('a.pdf', 'a.txt', 'a', 'a.html', 'a.csv'),
        (content, name) => {
          const verdict = detectEvidenceFileType(content, name)
          if (verdict.ok) {
            assert.ok(STORED_MEDIA_TYPES.includes(verdict.info.mediaType))
            assert.doesNotMatch(verdict.info.mediaType, /html|svg|xml|javascript/)
          }
        },
      ),
      { numRuns: 500 },
    )
  })

  it('reads extensions from the last path segment', () => {
    assert.equal(extensionOf('C:\\Users\\x\\Minutes.PDF'), 'pdf')
    assert.equal(extensionOf('.hidden'), '')
    assert.equal(extensionOf('archive.tar.gz'), 'gz')
    assert.equal(extensionOf('noext'), '')
  })
})
