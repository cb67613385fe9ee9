"""Word documents: read a .docx as the text a reader sees (numbering drawn in), and
write a fixed copy run by run. python-docx is imported only here."""
