"""idiombench.claims: make claims, the article's claims decided on a run folder."""
